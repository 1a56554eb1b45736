-- storage: a customer's storage made read-only, and why (issue 10: an invoice overdue past the dunning
-- schedule suspends the services it pays for; a plan that ended leaves the files readable until the
-- register's period ends). One row per reason, so lifting one (a payment) leaves another (a plan that
-- ended) in force. Reads and downloads go on; every change by the customer is refused with a message
-- that says why. Not personal data beyond the account id the storage tables already hold.
create table storage_read_only (
    account_id  uuid not null,
    reason      varchar(30) not null,
    since       timestamp with time zone not null,
    primary key (account_id, reason)
);
