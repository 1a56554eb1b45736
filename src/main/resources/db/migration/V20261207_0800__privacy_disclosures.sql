-- privacy (disclosure ledger, SHR-1, SHR-6): every disclosure of a customer's personal data to a
-- recipient of the register (a registrar, a CA, a payment provider, a collection agency, an authority),
-- with the categories sent, the purpose and legal basis it served, and the legal ground (for an
-- authority: the law or order that obliged us).
--
-- The reference (an order or case number) may itself be personal data: it is sealed under the subject's
-- data key. Erasure of the subject clears it and keeps the pseudonymous rest until the register's
-- period ends, as evidence of who received what and why (art. 5(2) accountability, art. 15(1)(c)).
-- No foreign keys: the record outlives the account and the staff member who recorded it.
create table privacy_disclosures (
    id               uuid primary key,
    account_id       uuid not null,
    recipient_id     varchar(100) not null,
    categories       varchar(2000) not null,
    purpose_id       varchar(100) not null,
    legal_basis      varchar(30) not null,
    legal_ground     varchar(500),
    reference_sealed bytea,
    recorded_by      uuid,
    disclosed_at     timestamp with time zone not null
);
create index privacy_disclosures_account on privacy_disclosures (account_id, disclosed_at);
create index privacy_disclosures_recorded_by on privacy_disclosures (recorded_by);
create index privacy_disclosures_disclosed on privacy_disclosures (disclosed_at);
