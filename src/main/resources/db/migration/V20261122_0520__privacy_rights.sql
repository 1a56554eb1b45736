-- privacy (rights): access/portability export jobs (RIG-1, RIG-5) and account closures (RIG-3, RET-5).
-- An export's ZIP lives encrypted in <data dir>/exports/<id>.zip.enc under a random file key,
-- which is stored here sealed under the subject's data key: crypto-shredding the subject also
-- makes every export of theirs unreadable, wherever a copy of the file ended up.
create table privacy_exports (
    id          uuid primary key,
    account_id  uuid not null,
    status      varchar(16) not null,
    created_at  timestamp with time zone not null,
    ready_at    timestamp with time zone,
    expires_at  timestamp with time zone,
    size_bytes  bigint,
    file_key    bytea,
    constraint privacy_exports_status check (status in ('BUILDING', 'READY', 'FAILED'))
);
create index privacy_exports_account on privacy_exports (account_id);
create index privacy_exports_expires on privacy_exports (expires_at);

-- One row per account being (or having been) closed; the state makes an interrupted closure resumable.
create table privacy_closures (
    account_id  uuid primary key,
    state       varchar(16) not null,
    started_at  timestamp with time zone not null,
    finished_at timestamp with time zone,
    evidence_id uuid,
    constraint privacy_closures_state check (state in ('STARTED', 'ERASED', 'SHREDDED', 'DONE'))
);

-- What each holder reported when it erased (counts per category, JSON), so a resumed closure
-- neither erases twice nor loses the counts for the evidence record.
create table privacy_closure_steps (
    account_id  uuid not null,
    module      varchar(64) not null,
    removed     varchar(4000) not null,
    kept        varchar(4000) not null,
    primary key (account_id, module)
);
