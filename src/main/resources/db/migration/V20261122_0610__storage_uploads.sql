-- storage: resumable uploads. The bytes received so far live in the blob store (a temp file, or an
-- S3 multipart upload whose state is kept here); the row says where the file will go once complete.
create table storage_uploads (
    id            uuid primary key,
    account_id    uuid not null,
    space_id      uuid not null references storage_spaces (id) on delete cascade,
    path          varchar(4096) not null,
    length        bigint not null,
    received      bigint not null,
    blob          varchar(32) not null,
    backend_state varchar(16000) not null,
    content_type  varchar(255),
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null
);
create index storage_uploads_space on storage_uploads (space_id);
create index storage_uploads_updated on storage_uploads (updated_at);
