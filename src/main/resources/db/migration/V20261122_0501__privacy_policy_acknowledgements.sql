-- privacy: who was told about a significant policy change (POL-2) and who acknowledged it. One
-- notice per version and account: the primary key makes the mailing exactly-once across restarts
-- and nodes. Account ids only (pseudonymous); erased with the account.
create table privacy_policy_notices (
    version_number integer not null references privacy_register_versions (version_number),
    account_id     uuid not null,
    notified_at    timestamp with time zone not null,
    primary key (version_number, account_id)
);
create index privacy_policy_notices_account on privacy_policy_notices (account_id);

create table privacy_policy_acknowledgements (
    version_number  integer not null references privacy_register_versions (version_number),
    account_id      uuid not null,
    acknowledged_at timestamp with time zone not null,
    primary key (version_number, account_id)
);
create index privacy_policy_acknowledgements_account on privacy_policy_acknowledgements (account_id);
