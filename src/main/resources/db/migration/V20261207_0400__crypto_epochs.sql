-- crypto: data keys wrapped under epoch keys kept outside the database (see crypto.internal.EpochKeys).
-- epoch_id names the epoch key that wraps the row's key; rows from before epochs keep master_key_id
-- (wrapped by the master key directly) until the first rotation moves them into an epoch.
alter table crypto_data_keys add column epoch_id varchar(64);
create index crypto_data_keys_epoch on crypto_data_keys (epoch_id);

-- The cluster-wide lease on epoch rotation (one row; see crypto.internal.EpochLease).
create table crypto_epoch_lock (
    id           smallint primary key,
    locked_until timestamp with time zone,
    locked_by    varchar(64),
    constraint crypto_epoch_lock_single_row check (id = 1)
);
insert into crypto_epoch_lock (id) values (1);
