-- storage (break-glass, STO-3): staff access to the content of one plain space of a customer, asked for
-- with a written reason by one staff member and approved by a second, for a bounded period. A vault
-- can never be the target: its content is ciphertext only the customer's keys open (STO-1).
--
-- The reason is sealed under the customer's data key (it may describe the customer); erasure of the
-- customer clears it and keeps the pseudonymous rest as evidence of who looked, when and for how long.
-- No foreign keys: the record outlives the space and the accounts it names.
create table storage_break_glass (
    id               uuid primary key,
    account_id       uuid not null,
    space_id         uuid not null,
    reason_sealed    bytea,
    duration_minutes integer not null,
    state            varchar(10) not null,
    requested_by     uuid not null,
    requested_at     timestamp with time zone not null,
    decided_by       uuid,
    decided_at       timestamp with time zone,
    expires_at       timestamp with time zone,
    ended_by         uuid,
    ended_at         timestamp with time zone,
    constraint storage_break_glass_state check (state in ('REQUESTED', 'APPROVED', 'DECLINED', 'EXPIRED', 'REVOKED')),
    constraint storage_break_glass_duration check (duration_minutes between 1 and 1440)
);
create index storage_break_glass_account on storage_break_glass (account_id);
create index storage_break_glass_open on storage_break_glass (state, requested_at);
create index storage_break_glass_ended on storage_break_glass (ended_at);
