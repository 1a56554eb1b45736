-- Contents of small files (up to kluis.storage.blobs.small-file-limit), kept in the database and
-- written in the same transaction as the file's row: one commit per small file instead of a blob
-- file, two fsyncs and a journal entry. Keys start with 's', so they never name a blob-store object.
create table storage_small_blobs (
    blob     varchar(32) primary key,
    content  bytea not null
);
