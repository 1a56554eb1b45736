-- The ended-plan-files retention rule looks for storage read-only for a reason since before a cutoff.
create index storage_read_only_reason_since on storage_read_only (reason, since);
