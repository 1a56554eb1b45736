-- crypto: per-subject data keys (wrapped by the master key) and installation-wide system keys.
-- A destroyed data key keeps its row, without key bytes, as evidence of crypto-shredding.
create table crypto_data_keys (
    subject_id    uuid primary key,
    wrapped_key   bytea,
    master_key_id varchar(64),
    created_at    timestamp with time zone not null,
    destroyed_at  timestamp with time zone,
    constraint crypto_data_keys_destroyed_has_no_key check (destroyed_at is null or wrapped_key is null)
);
create index crypto_data_keys_master_key on crypto_data_keys (master_key_id);

create table crypto_system_keys (
    purpose       varchar(64) primary key,
    wrapped_key   bytea not null,
    master_key_id varchar(64) not null,
    created_at    timestamp with time zone not null
);
