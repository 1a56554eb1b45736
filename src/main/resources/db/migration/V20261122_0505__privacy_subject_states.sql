-- privacy: restriction (RIG-4) and objection (RIG-6) per account, and deletion evidence (RET-6).
create table privacy_subject_states (
    account_id    uuid primary key,
    restricted_at timestamp with time zone,
    objected_at   timestamp with time zone
);

create table privacy_evidence (
    id          uuid primary key,
    kind        varchar(16) not null,
    subject_id  uuid,
    occurred_at timestamp with time zone not null,
    as_of       timestamp with time zone not null,
    dry_run     boolean not null,
    removed     varchar(4000) not null,
    kept        varchar(4000) not null
);
create index privacy_evidence_subject on privacy_evidence (subject_id);
create index privacy_evidence_occurred on privacy_evidence (occurred_at);
