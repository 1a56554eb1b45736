-- billing (invoices, art. 226 Directive 2006/112/EC, EN 16931): issued invoices and credit notes,
-- their lines and VAT breakdown, and the gap-free number counter per calendar year.
--
-- An issued document is never updated, except that erasure minimises it (buyer_email_sealed cleared,
-- minimised_at set). Credit notes share the invoices' number sequence and refer to the invoice they
-- correct (preceding_id).
--
-- Buyer details: the fields art. 226 requires (name, address, VAT number, KvK) are sealed under a
-- fiscal subject key (fiscal_subject_id: one per account and fiscal year), which survives the account's
-- closure and is destroyed by the retention engine when the record's 7 years (art. 52 AWR) end. The
-- email, which the law does not require, is sealed under the account's own key (gone at closure) and
-- cleared by erasure; its blind index (a keyed hash, unreadable) stays with the record so that a former
-- customer can still find their invoices by address alone (RIG-8). No foreign keys to identity: the fiscal record outlives the account.
create table billing_invoice_counters (
    fiscal_year integer primary key,
    last_number bigint  not null
);

create table billing_invoices (
    id                  uuid primary key,
    invoice_number      varchar(20)  not null,
    fiscal_year         integer      not null,
    sequence_number     bigint       not null,
    kind                varchar(20)  not null,
    account_id          uuid         not null,
    customer_number     varchar(10)  not null,
    preceding_id        uuid,
    preceding_number    varchar(20),
    preceding_date      date,
    credit_reason       varchar(500),
    issued_at           timestamp with time zone not null,
    issue_date          date         not null,
    due_date            date,
    period_start        date,
    period_end          date,
    buyer_language      varchar(5)   not null,
    currency            varchar(3)   not null,
    payment_reference   varchar(20)  not null,
    vat_scheme          varchar(30)  not null,
    vies_reference      varchar(100),
    buyer_country       varchar(2)   not null,
    fiscal_subject_id   uuid         not null,
    buyer_sealed        bytea        not null,
    buyer_email_sealed  bytea,
    buyer_email_index   bytea,
    seller_json         varchar(4000) not null,
    line_total          numeric(19, 2) not null,
    tax_exclusive       numeric(19, 2) not null,
    vat_total           numeric(19, 2) not null,
    tax_inclusive       numeric(19, 2) not null,
    note                varchar(1000),
    minimised_at        timestamp with time zone,
    constraint billing_invoices_number unique (invoice_number),
    constraint billing_invoices_sequence unique (fiscal_year, sequence_number)
);
create index billing_invoices_account on billing_invoices (account_id, issued_at);
create index billing_invoices_issued on billing_invoices (issued_at);
create index billing_invoices_preceding on billing_invoices (preceding_id);
create index billing_invoices_customer_number on billing_invoices (customer_number);
create index billing_invoices_email_index on billing_invoices (buyer_email_index);

create table billing_invoice_lines (
    invoice_id    uuid          not null references billing_invoices (id) on delete cascade,
    line_no       integer       not null,
    description   varchar(500)  not null,
    quantity      numeric(19, 4) not null,
    unit_code     varchar(10)   not null,
    unit_price    numeric(19, 4) not null,
    net_amount    numeric(19, 2) not null,
    vat_category  varchar(2)    not null,
    vat_rate      numeric(5, 2) not null,
    period_start  date,
    period_end    date,
    source_ref    varchar(100),
    primary key (invoice_id, line_no)
);

create table billing_invoice_vat (
    invoice_id        uuid          not null references billing_invoices (id) on delete cascade,
    vat_category      varchar(2)    not null,
    vat_rate          numeric(5, 2) not null,
    taxable_amount    numeric(19, 2) not null,
    tax_amount        numeric(19, 2) not null,
    exemption_reason  varchar(200),
    primary key (invoice_id, vat_category, vat_rate)
);
