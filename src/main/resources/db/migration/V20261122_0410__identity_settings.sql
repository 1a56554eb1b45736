-- identity: security settings an administrator changes at run time (defaults come from configuration).
create table identity_settings (
    name       varchar(64)  primary key,
    setting    varchar(255) not null,
    changed_at timestamp with time zone not null,
    changed_by uuid
);
