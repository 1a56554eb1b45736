-- audit: the append-only, hash-chained audit trail (ids and event codes only, never personal data).
-- Runs unchanged on PostgreSQL 15 and H2 2.x (MODE=PostgreSQL).

-- One row per entry. hash = SHA-256 over a length-prefixed encoding of every column and prev_hash
-- (see io.kluis.audit.internal.ChainHash). details is canonical JSON (keys sorted), text only.
create table audit_entries (
    sequence    bigint primary key,
    occurred_at timestamp with time zone not null,
    code        varchar(100) not null,
    actor_id    uuid,
    subject_id  uuid,
    details     varchar(8000) not null,
    prev_hash   varchar(64) not null,
    hash        varchar(64) not null,
    constraint audit_entries_sequence_positive check (sequence > 0)
);
create index audit_entries_subject on audit_entries (subject_id, sequence);
create index audit_entries_actor on audit_entries (actor_id, sequence);
create index audit_entries_occurred_at on audit_entries (occurred_at);

-- The head of the chain: exactly one row, locked (SELECT ... FOR UPDATE) by every append so appends
-- are serialised across threads and cluster nodes sharing this database.
create table audit_chain_head (
    id       smallint primary key,
    sequence bigint not null,
    hash     varchar(64) not null,
    constraint audit_chain_head_single_row check (id = 1)
);
insert into audit_chain_head (id, sequence, hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Written by retention when it removes the oldest entries: the last removed entry's sequence and
-- hash, from which verification starts. One row per pruning, kept as evidence.
create table audit_chain_checkpoints (
    sequence        bigint primary key,
    hash            varchar(64) not null,
    entries_deleted bigint not null,
    created_at      timestamp with time zone not null
);
