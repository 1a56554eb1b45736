-- storage: shares to another customer (STO-2). See docs/vault-format.md, "Shares to another customer".
--
-- Each customer's sharing key pair (ECDH P-256), generated in their browser: the public key as an
-- uncompressed point (65 bytes), the private key only wrapped (AES-GCM) under a key the browser
-- derives from the vault's own keys (HKDF), which the server never has. The vault it is wrapped
-- under is recorded so the page knows which vault opens it; deleting that space deletes the pair.
create table storage_sharing_keys (
    account_id           uuid primary key,
    space_id             uuid not null references storage_spaces (id) on delete cascade,
    public_key           bytea not null,
    wrapped_private_key  bytea not null,
    created_at           timestamp with time zone not null
);

-- A file or folder shared by its owner (account_id) with another customer (recipient_id). For a
-- vault share the owner's browser uploads the same encrypted manifest as for a link, and the
-- manifest's key wrapped for the recipient's public key (ECDH-ES); the ciphertext files it may
-- serve are listed in storage_peer_share_files, in the manifest's order.
create table storage_peer_shares (
    id            uuid primary key,
    account_id    uuid not null,
    recipient_id  uuid not null,
    space_id      uuid not null references storage_spaces (id) on delete cascade,
    node_id       uuid not null references storage_nodes (id) on delete cascade,
    folder        boolean not null,
    encrypted     boolean not null,
    created_at    timestamp with time zone not null,
    revoked_at    timestamp with time zone,
    manifest      bytea,
    wrapped_key   bytea
);
create index storage_peer_shares_account on storage_peer_shares (account_id);
create index storage_peer_shares_recipient on storage_peer_shares (recipient_id);

create table storage_peer_share_files (
    share_id  uuid not null references storage_peer_shares (id) on delete cascade,
    ordinal   integer not null,
    node_id   uuid not null references storage_nodes (id) on delete cascade,
    primary key (share_id, ordinal)
);
