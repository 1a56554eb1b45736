-- billing (issue 10, first slice): the catalogue, billing profiles, orders and subscriptions.
--
-- Prices are EUR without VAT, two decimals. An order and a subscription copy what was ordered (product,
-- plan, period, price, quota) so that later catalogue changes never rewrite what a customer agreed to.
-- The billing profile (name, address, company, KvK, VAT number) is one sealed document under the
-- customer's data key (SEC-3). No foreign keys to identity: billing erases its own rows (PersonalDataHolder).
create table billing_products (
    id          uuid primary key,
    kind        varchar(20) not null,
    name        varchar(200) not null,
    description varchar(2000) not null,
    active      boolean not null,
    created_at  timestamp with time zone not null
);

create table billing_plans (
    id          uuid primary key,
    product_id  uuid not null references billing_products (id),
    name        varchar(200) not null,
    price_month numeric(12, 2),
    price_year  numeric(12, 2),
    quota_bytes bigint,
    active      boolean not null,
    created_at  timestamp with time zone not null
);
create index billing_plans_product on billing_plans (product_id);

create table billing_profiles (
    account_id     uuid primary key,
    profile_sealed bytea not null,
    updated_at     timestamp with time zone not null
);

create table billing_orders (
    id                uuid primary key,
    account_id        uuid not null,
    plan_id           uuid not null,
    kind              varchar(20) not null,
    product_name      varchar(200) not null,
    plan_name         varchar(200) not null,
    period            varchar(10) not null,
    price             numeric(12, 2) not null,
    currency          char(3) not null,
    quota_bytes       bigint,
    terms_version     varchar(100) not null,
    terms_accepted_at timestamp with time zone not null,
    channel           varchar(10) not null,
    subscription_id   uuid not null,
    ordered_at        timestamp with time zone not null
);
create index billing_orders_account on billing_orders (account_id);

create table billing_subscriptions (
    id              uuid primary key,
    account_id      uuid not null,
    order_id        uuid not null,
    plan_id         uuid not null,
    kind            varchar(20) not null,
    product_name    varchar(200) not null,
    plan_name       varchar(200) not null,
    period          varchar(10) not null,
    price           numeric(12, 2) not null,
    quota_bytes     bigint,
    status          varchar(20) not null,
    period_start    timestamp with time zone not null,
    period_end      timestamp with time zone not null,
    cancelled_at    timestamp with time zone,
    ended_at        timestamp with time zone,
    created_at      timestamp with time zone not null
);
create index billing_subscriptions_account on billing_subscriptions (account_id);
create index billing_subscriptions_due on billing_subscriptions (status, period_end);

-- Plan changes within a term, with the prorated amount (positive: to charge, negative: to credit),
-- which the invoicing reads.
create table billing_plan_changes (
    id              uuid primary key,
    subscription_id uuid not null,
    account_id      uuid not null,
    from_plan_id    uuid not null,
    to_plan_id      uuid not null,
    from_price      numeric(12, 2) not null,
    to_price        numeric(12, 2) not null,
    proration       numeric(12, 2) not null,
    changed_at      timestamp with time zone not null
);
create index billing_plan_changes_subscription on billing_plan_changes (subscription_id);
create index billing_plan_changes_account on billing_plan_changes (account_id);
