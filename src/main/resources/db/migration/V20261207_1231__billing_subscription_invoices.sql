-- billing: what subscriptions owe invoices for, and what was issued for it (io.kluis.billing.invoicing).
-- One row per obligation, recorded in the transaction of the event that creates it (an order, a
-- renewal, a plan change): the primary key makes it exactly once per subscription and period, on any
-- number of nodes and however often the event is delivered. Issuing happens after commit (and by the
-- job billing.subscription-invoices for what is left, e.g. while VIES is down); invoice_id is then set.
--   kind TERM:        a term, period_start..period_end, amount = the term's price
--   kind PLAN_CHANGE: the rest of a term after a plan change at period_start, amount = the proration
--                     (positive: invoiced; negative: credited on the term's invoice)
create table billing_subscription_invoices (
    subscription_id  uuid not null,
    kind             varchar(16) not null,
    period_start     timestamp with time zone not null,
    period_end       timestamp with time zone not null,
    term_start       timestamp with time zone not null,
    account_id       uuid not null,
    product_name     varchar(200) not null,
    plan_name        varchar(200) not null,
    from_plan_name   varchar(200),
    billing_period   varchar(8) not null,
    amount           numeric(12, 2) not null,
    status           varchar(16) not null,
    invoice_id       uuid,
    attempts         integer not null default 0,
    next_attempt_at  timestamp with time zone not null,
    last_error_code  varchar(64),
    created_at       timestamp with time zone not null,
    issued_at        timestamp with time zone,
    constraint billing_subscription_invoices_pk primary key (subscription_id, kind, period_start),
    constraint billing_subscription_invoices_kind check (kind in ('TERM', 'PLAN_CHANGE')),
    constraint billing_subscription_invoices_status check (status in ('PENDING', 'ISSUED', 'FAILED'))
);
create index billing_subscription_invoices_due on billing_subscription_invoices (status, next_attempt_at);
create index billing_subscription_invoices_account on billing_subscription_invoices (account_id);
