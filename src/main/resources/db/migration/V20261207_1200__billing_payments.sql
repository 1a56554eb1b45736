-- billing.payments: payments through a provider's checkout (Mollie), one row per provider payment.
-- What a payment pays is an opaque reference (an invoice id) the paying side gave; the provider's
-- status is copied here only after fetching it from the provider's API (never from a webhook body).
-- A payment is part of the fiscal record (art. 52 AWR): kept 7 years from the end of its fiscal year,
-- also after the account is erased (it carries no personal data beyond the account id).
create table billing_payments (
    id                  uuid primary key,
    account_id          uuid not null,
    provider            varchar(20) not null,
    provider_payment_id varchar(100) not null,
    sequence_type       varchar(10) not null,
    amount              numeric(12, 2) not null,
    currency            char(3) not null,
    status              varchar(20) not null,
    payable_reference   varchar(100) not null,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null,
    paid_at             timestamp with time zone,
    constraint billing_payments_provider_id unique (provider, provider_payment_id)
);
create index billing_payments_account on billing_payments (account_id, created_at);
create index billing_payments_payable on billing_payments (payable_reference);

-- The provider's customer for an account and its current mandate (SEPA Direct Debit or card) for
-- recurring charges. The IBAN and the mandate reference are personal data, sealed under the
-- customer's data key; erased with the account (register category payment-details).
create table billing_payment_mandates (
    id                       uuid primary key,
    account_id               uuid not null,
    provider                 varchar(20) not null,
    provider_customer_id     varchar(100) not null,
    provider_mandate_id      varchar(100),
    status                   varchar(20),
    method                   varchar(20),
    iban_sealed              bytea,
    mandate_reference_sealed bytea,
    created_at               timestamp with time zone not null,
    updated_at               timestamp with time zone not null,
    constraint billing_payment_mandates_account unique (account_id, provider)
);

-- billing.bank: every bank-statement entry (CAMT.053) that was applied, so importing the same file
-- (or an overlapping one) twice never pays twice. No personal data: the debtor's name and IBAN are
-- read only to match and are not stored.
create table billing_bank_entries (
    entry_key         varchar(300) primary key,
    statement_id      varchar(35) not null,
    entry_number      integer not null,
    booking_date      date,
    amount            numeric(14, 2) not null,
    currency          char(3) not null,
    payable_reference varchar(100),
    outcome           varchar(20) not null,
    imported_at       timestamp with time zone not null
);
