-- privacy: retention runs take the shared job lock (job privacy.retention) instead of their own lease.
drop table privacy_retention_lock;
