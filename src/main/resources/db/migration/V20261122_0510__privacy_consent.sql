-- privacy: the consent ledger (CON-1, CON-2, CON-3).
-- Newsletter subscriptions hold the current state; the email is sealed under a per-subscription data
-- key (subscription id = key owner) with a keyed blind index for lookups, so destroying that key
-- (erasure) makes every copy unreadable. The one-click unsubscribe secret is sealed (it is mailed
-- again with every issue) and blind-indexed (it is looked up when used).
create table privacy_newsletter_subscriptions (
    id                  uuid primary key,
    account_id          uuid,
    email_sealed        bytea        not null,
    email_index         bytea        not null,
    locale              varchar(8)   not null,
    status              varchar(16)  not null,            -- PENDING | CONFIRMED | WITHDRAWN
    requested_at        timestamp with time zone not null,
    lapses_at           timestamp with time zone not null, -- an unconfirmed request ends here
    confirmed_at        timestamp with time zone,
    withdrawn_at        timestamp with time zone,
    unsubscribe_sealed  bytea        not null,
    unsubscribe_index   bytea        not null,
    constraint privacy_newsletter_unsubscribe unique (unsubscribe_index)
);
create index privacy_newsletter_email on privacy_newsletter_subscriptions (email_index);
create index privacy_newsletter_account on privacy_newsletter_subscriptions (account_id);
create index privacy_newsletter_status on privacy_newsletter_subscriptions (status);

-- Single-use tokens of confirmation links: only a keyed hash is stored.
create table privacy_consent_tokens (
    token_hash      bytea primary key,
    purpose         varchar(32) not null,
    subscription_id uuid        not null,
    expires_at      timestamp with time zone not null,
    used_at         timestamp with time zone
);
create index privacy_consent_tokens_subscription on privacy_consent_tokens (subscription_id);

-- The ledger: append-only proof of every consent, confirmation, choice and withdrawal. Rows are
-- never updated; they are deleted only by retention (register rule consent-records) or erasure.
-- subject_key groups one subject's records: the subscription id (newsletter) or the random consent
-- id from the kluis_consent cookie (cookies). Email and IP are sealed under subject_key's data key.
create table privacy_consent_records (
    id              uuid primary key,
    subject_key     uuid         not null,
    account_id      uuid,
    email_sealed    bytea,
    email_index     bytea,
    purpose         varchar(32)  not null,                 -- newsletter | cookies
    action          varchar(16)  not null,                 -- REQUESTED | CONFIRMED | WITHDRAWN | CHOSEN
    choice          varchar(64),                           -- cookies: granted categories
    occurred_at     timestamp with time zone not null,
    source          varchar(32)  not null,                 -- web-form | panel | api | unsubscribe-link | banner | settings
    policy_version  varchar(64)  not null,
    ip_sealed       bytea
);
create index privacy_consent_records_subject on privacy_consent_records (subject_key);
create index privacy_consent_records_account on privacy_consent_records (account_id);
create index privacy_consent_records_email on privacy_consent_records (email_index);

-- What an administrator sent, as counts (never addresses).
create table privacy_newsletter_issues (
    id          uuid primary key,
    sent_at     timestamp with time zone not null,
    sent_by     uuid         not null,
    subject_nl  varchar(200) not null,
    subject_en  varchar(200) not null,
    recipients  integer      not null,
    skipped     integer      not null
);

-- Aggregated visit statistics (analytical cookies, with consent only): totals per page pattern and
-- day, no identifiers.
create table privacy_visit_counts (
    visit_day date         not null,
    page    varchar(200) not null,
    visits  bigint       not null,
    views   bigint       not null,
    primary key (visit_day, page)
);
