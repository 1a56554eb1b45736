-- storage: a resumable upload to a plain space is sealed piece by piece as it arrives
-- (docs/encryption-at-rest.md). The sealed stream's header (random salt and nonce prefix, not
-- secret) is fixed when the upload starts; the plaintext after the last whole chunk received, which
-- the next piece continues, is kept here sealed under the customer's data key, never in the blob
-- store. Uploads started before have neither and are sealed in one pass when they complete.
alter table storage_uploads add column sealed_header bytea;
alter table storage_uploads add column tail_sealed bytea;
