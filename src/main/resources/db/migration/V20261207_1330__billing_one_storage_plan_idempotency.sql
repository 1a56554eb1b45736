-- billing: one live storage subscription per customer, enforced by the database so two orders at
-- once (a double click, two tabs, two nodes) cannot both pass the check in the code. The column holds
-- the account id while a storage subscription is live and is cleared when it ends; a unique index
-- allows any number of NULLs (H2 and PostgreSQL alike), so it constrains only live storage plans.
-- Rows from before this migration: only the oldest live storage subscription of an account gets the
-- marker, so an installation that already has a duplicate still migrates (staff end the other one).
alter table billing_subscriptions add column live_storage_account uuid;
update billing_subscriptions s set live_storage_account = s.account_id
    where s.kind = 'STORAGE' and s.status <> 'ENDED'
      and not exists (select 1 from billing_subscriptions o
                      where o.account_id = s.account_id and o.kind = 'STORAGE' and o.status <> 'ENDED'
                        and (o.created_at < s.created_at or (o.created_at = s.created_at and o.id < s.id)));
create unique index billing_subscriptions_one_live_storage on billing_subscriptions (live_storage_account);

-- billing: Idempotency-Key of POST /api/v1/orders and POST /api/v1/invoices/{id}/payments. The same key
-- from the same account within 24 hours answers with the first response (response_ref: the order or
-- payment id) instead of acting twice. Only hashes of the key and of the request are stored; rows
-- older than 24 hours are deleted when keys are claimed, and all of an account's rows at its erasure
-- (register category billing-orders).
create table billing_idempotency_keys (
    account_id   uuid not null,
    operation    varchar(30) not null,
    key_hash     varchar(64) not null,
    request_hash varchar(64) not null,
    response_ref uuid,
    created_at   timestamp with time zone not null,
    constraint billing_idempotency_keys_pk primary key (account_id, operation, key_hash)
);
create index billing_idempotency_keys_created on billing_idempotency_keys (created_at);

-- billing.payments: the local payment row is written (status CREATING, no provider id yet) before the
-- provider is called, so a crash between the two leaves a row to reconcile instead of a payment at the
-- provider that Kluis does not know. The provider's id follows once it answered.
alter table billing_payments alter column provider_payment_id drop not null;

-- billing.payments: what an erasure must still tell the provider (delete the customer, which revokes
-- its mandates), done after the erasure committed and retried until the provider confirms. Holds the
-- provider's customer id only (no account id, so nothing here points back at the erased account);
-- the row is deleted once the provider confirmed.
create table billing_provider_erasures (
    id                   uuid primary key,
    provider             varchar(20) not null,
    provider_customer_id varchar(100) not null,
    attempts             integer not null,
    next_attempt_at      timestamp with time zone not null,
    created_at           timestamp with time zone not null
);
create index billing_provider_erasures_due on billing_provider_erasures (next_attempt_at);
