-- Billing: what has been paid of each invoice (settlements), and dunning (reminders, suspension and the
-- hand-off to a collection agency), each step once per invoice. Invoices stay immutable: the open amount
-- is the invoice's total incl. VAT minus its settlements minus its credit notes.

create table billing_settlements (
    id              uuid primary key,
    invoice_id      uuid           not null references billing_invoices (id) on delete cascade,
    amount          numeric(19, 2) not null,
    source          varchar(20)    not null,
    source_key      varchar(200)   not null,
    booked_at       timestamp with time zone not null,
    recorded_at     timestamp with time zone not null,
    constraint billing_settlements_source unique (source, source_key)
);
create index billing_settlements_invoice on billing_settlements (invoice_id);

create table billing_dunning_steps (
    invoice_id      uuid           not null references billing_invoices (id) on delete cascade,
    step            varchar(20)    not null,
    account_id      uuid           not null,
    done_at         timestamp with time zone not null,
    agency          varchar(100),
    disclosure_id   uuid,
    constraint billing_dunning_steps_pk primary key (invoice_id, step)
);
create index billing_dunning_steps_account on billing_dunning_steps (account_id);
create index billing_dunning_steps_done on billing_dunning_steps (done_at);
