-- privacy: the cluster-wide lease on real retention runs (one row; see privacy.retention.RetentionLock).
create table privacy_retention_lock (
    id           smallint primary key,
    locked_until timestamp with time zone,
    locked_by    varchar(64),
    constraint privacy_retention_lock_single_row check (id = 1)
);
insert into privacy_retention_lock (id) values (1);
