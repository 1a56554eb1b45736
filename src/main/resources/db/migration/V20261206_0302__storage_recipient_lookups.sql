-- storage: lookups of share recipients by email address (register rule "recipient-lookups", STO-2),
-- counted in the database so the hourly limit holds on every node of a cluster, across restarts and
-- under parallel requests (issue 8). Only when an owner looked someone up, never whom; kept an hour.
create table storage_recipient_lookups (
    account_id  uuid not null,
    at          timestamp with time zone not null
);
create index storage_recipient_lookups_account on storage_recipient_lookups (account_id, at);
create index storage_recipient_lookups_at on storage_recipient_lookups (at);
