-- privacy (rights): an export's encrypted ZIP now lives here, in chunks, instead of in the data
-- directory of the node that built it, so every node of a cluster can serve the download and the
-- expiry job on any node removes it. The chunks are ciphertext only (SegmentedEncryption under the
-- export's file key, which privacy_exports.file_key keeps sealed under the subject's data key), so
-- deleting the export row, or crypto-shredding the subject, makes them unreadable; the foreign key
-- deletes them with the row. Chunks of 1 MiB keep memory flat however large an export is (it holds
-- the contents of the customer's files) and stay far below PostgreSQL's 1 GB limit per value.
create table privacy_export_chunks (
    export_id  uuid not null references privacy_exports (id) on delete cascade,
    seq        integer not null,
    content    bytea not null,
    primary key (export_id, seq)
);

-- Exports built before this version have their ZIP in one node's data directory, which this version
-- no longer reads (and deletes at start-up): their rows would offer a download that cannot be served.
-- The customer requests a new export.
delete from privacy_exports;
