-- storage: share links (STO-2). A link points at a file or folder in one of the owner's spaces. The
-- token itself is never stored: only its keyed hash (HMAC-SHA-256, 128 bits), for the lookup. The
-- password is an Argon2id PHC string. For a vault share the sharer's browser uploads an encrypted
-- manifest (the keys to it travel in the link's fragment, never here) and the list of ciphertext
-- files the link may serve, in the manifest's order.
create table storage_shares (
    id                   uuid primary key,
    account_id           uuid not null,
    space_id             uuid not null references storage_spaces (id) on delete cascade,
    node_id              uuid not null references storage_nodes (id) on delete cascade,
    token_hash           bytea not null,
    folder               boolean not null,
    encrypted            boolean not null,
    created_at           timestamp with time zone not null,
    expires_at           timestamp with time zone,
    password_hash        varchar(255),
    password_failures    integer not null,
    password_blocked_to  timestamp with time zone,
    download_limit       integer,
    downloads            integer not null,
    exhausted_at         timestamp with time zone,
    revoked_at           timestamp with time zone,
    manifest             bytea,
    constraint storage_shares_token unique (token_hash),
    constraint storage_shares_limit check (download_limit is null or download_limit > 0)
);
create index storage_shares_account on storage_shares (account_id);

-- The ciphertext files a vault share may serve, numbered as in its manifest.
create table storage_share_files (
    share_id  uuid not null references storage_shares (id) on delete cascade,
    ordinal   integer not null,
    node_id   uuid not null references storage_nodes (id) on delete cascade,
    primary key (share_id, ordinal)
);

-- What happened to a link, for its owner: created, accessed, downloaded, password failed, revoked.
-- The visitor's address only truncated (IPv4 /24, IPv6 /48). No foreign key: the log outlives the
-- link (its own retention period).
create table storage_share_access (
    id          uuid primary key,
    share_id    uuid not null,
    account_id  uuid not null,
    at          timestamp with time zone not null,
    event       varchar(24) not null,
    network     varchar(64)
);
create index storage_share_access_share on storage_share_access (share_id, at);
create index storage_share_access_account on storage_share_access (account_id);
create index storage_share_access_at on storage_share_access (at);
