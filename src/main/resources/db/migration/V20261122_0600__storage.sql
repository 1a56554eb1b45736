-- storage: a customer's spaces, the file tree in each, dead WebDAV properties, locks, quota usage
-- and the blob journal that keeps blobs and rows consistent across crashes.

create table storage_spaces (
    id          uuid primary key,
    account_id  uuid not null,
    name        varchar(32) not null,
    kind        varchar(8) not null,
    created_at  timestamp with time zone not null,
    constraint storage_spaces_name unique (account_id, name),
    constraint storage_spaces_kind check (kind in ('VAULT', 'PLAIN', 'SITE'))
);

-- Every space has one root collection (parent_id null, name '') and one trash collection
-- (parent_id null, name '.trash'). A trashed node hangs under the trash with its id as name and
-- remembers where it came from. A file's contents are a blob; a copy shares the blob, and the
-- number of rows naming a blob is its reference count.
create table storage_nodes (
    id              uuid primary key,
    space_id        uuid not null references storage_spaces (id),
    parent_id       uuid references storage_nodes (id) on delete cascade,
    name            varchar(255) not null,
    collection      boolean not null,
    size            bigint not null,
    blob            varchar(32),
    content_type    varchar(255),
    etag            varchar(40) not null,
    created_at      timestamp with time zone not null,
    modified_at     timestamp with time zone not null,
    trashed_at      timestamp with time zone,
    trashed_from    uuid,
    trashed_name    varchar(255),
    constraint storage_nodes_name unique (parent_id, name)
);
create index storage_nodes_space on storage_nodes (space_id, parent_id);
create index storage_nodes_blob on storage_nodes (blob);
create index storage_nodes_trashed on storage_nodes (trashed_at);

-- Dead properties set with PROPPATCH: the property element as namespace-complete XML.
create table storage_properties (
    node_id     uuid not null references storage_nodes (id) on delete cascade,
    namespace   varchar(1024) not null,
    local_name  varchar(255) not null,
    value_xml   varchar(65536) not null,
    primary key (node_id, namespace, local_name)
);

-- WebDAV locks by path within a space ('' is the root, 'a/b' a member), so they survive restarts and
-- hold across nodes of a cluster.
create table storage_locks (
    token       varchar(64) primary key,
    space_id    uuid not null references storage_spaces (id),
    path        varchar(4096) not null,
    infinite    boolean not null,
    exclusive   boolean not null,
    owner_xml   varchar(4096),
    account_id  uuid not null,
    timeout_s   bigint not null,
    expires_at  timestamp with time zone not null
);
create index storage_locks_space on storage_locks (space_id);

-- Bytes in use per account (live files and trash), changed in the same transaction as the rows.
create table storage_usage (
    account_id  uuid primary key,
    used_bytes  bigint not null,
    quota_bytes bigint,
    constraint storage_usage_positive check (used_bytes >= 0)
);

-- Blobs that may exist without a row: WRITING while an upload runs (removed in the transaction that
-- stores the row), GARBAGE once the last row naming the blob is gone (removed after the blob).
-- A sweep deletes the blobs of stale WRITING and of all GARBAGE entries.
create table storage_blob_journal (
    blob        varchar(32) primary key,
    state       varchar(8) not null,
    since       timestamp with time zone not null,
    constraint storage_blob_journal_state check (state in ('WRITING', 'GARBAGE'))
);
create index storage_blob_journal_since on storage_blob_journal (state, since);
