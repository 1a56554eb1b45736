-- shared: the one cluster-wide lock of run-once-per-cluster jobs (see shared.jobs.Jobs), in the
-- layout of ShedLock's JDBC provider. Times are the database's own, in UTC (the provider writes
-- them with usingDbTime), hence timestamp without time zone. A row per job, created on first use.
create table shared_job_locks (
    name       varchar(64)  primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);
