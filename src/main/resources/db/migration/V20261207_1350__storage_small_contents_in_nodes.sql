-- storage: a small PUT writes fewer rows and index entries (issue 9 §4). A small file's contents move
-- from a row of their own (storage_small_blobs, with its own primary-key index) into its node row, so
-- storing a small file inserts one row instead of two; a copy of a small file copies the bytes with
-- its row (they are at most kluis.storage.small-file-limit). The key in storage_nodes.blob stays
-- (sealed contents are bound to it). And the index on trashed_at goes: no query needs it (the trash
-- retention finds expired items through each trash folder, by the parent index), while every node
-- row paid an entry in it.
alter table storage_nodes add column small_content bytea;
alter table storage_nodes add column small_sealed boolean;
update storage_nodes set
    small_content = (select b.content from storage_small_blobs b where b.blob = storage_nodes.blob),
    small_sealed = (select b.sealed from storage_small_blobs b where b.blob = storage_nodes.blob)
where blob like 's%';
drop table storage_small_blobs;
drop index storage_nodes_trashed;
