-- storage: what customers store in plain spaces is sealed under their data key (issue 8 §3,
-- docs/encryption-at-rest.md). A node's name column then holds a keyed index of the name ('~' and
-- 22 base64url characters, unique per folder) and name_sealed the name itself; a trashed node's
-- original name, a dead property's value, a lock's path and owner and an upload's path move to
-- sealed columns too. Rows written before keep their plain columns until StorageSealing seals them
-- in the background; readers take either.
alter table storage_nodes add column name_sealed bytea;
alter table storage_nodes add column trashed_name_sealed bytea;
alter table storage_properties add column value_sealed bytea;
alter table storage_locks add column path_sealed bytea;
alter table storage_locks add column owner_sealed bytea;
alter table storage_uploads add column path_sealed bytea;
-- A small file's contents are sealed in place (same key) when this says so.
alter table storage_small_blobs add column sealed boolean not null default false;
