-- privacy: data-subject requests without login (RIG-7, RIG-8). Everything the requester wrote is
-- sealed under a key of the request's own (key_owner), so destroying that key shreds the request.
create table privacy_requests (
    id                uuid primary key,
    key_owner         uuid not null,
    kind              varchar(32) not null,
    state             varchar(32) not null,
    identity_check    varchar(32) not null,
    locale            varchar(8) not null,
    email             bytea not null,
    email_index       bytea not null,
    name              bytea,
    message           bytea not null,
    account_id        uuid,
    received_at       timestamp with time zone not null,
    confirmed_at      timestamp with time zone,
    original_due_at   timestamp with time zone,
    due_at            timestamp with time zone,
    extension_months  integer not null default 0,
    closed_at         timestamp with time zone
);
create index privacy_requests_state_due on privacy_requests (state, due_at);
create index privacy_requests_email on privacy_requests (email_index);

-- Single-use confirmation tokens and long-lived status tokens, stored only as keyed hashes.
create table privacy_request_tokens (
    token_hash  bytea primary key,
    request_id  uuid not null references privacy_requests (id) on delete cascade,
    purpose     varchar(16) not null,
    expires_at  timestamp with time zone not null,
    used_at     timestamp with time zone
);
create index privacy_request_tokens_request on privacy_request_tokens (request_id);

-- The timeline the privacy officer and the requester see. Texts (answers, reasons) are sealed.
create table privacy_request_events (
    id          uuid primary key,
    request_id  uuid not null references privacy_requests (id) on delete cascade,
    occurred_at timestamp with time zone not null,
    kind        varchar(32) not null,
    actor_id    uuid,
    text        bytea,
    detail      varchar(200)
);
create index privacy_request_events_request on privacy_request_events (request_id, occurred_at);

-- Which deadline reminders were sent, per due date: the scheduled job claims a row before mailing,
-- so it is idempotent and runs once per cluster.
create table privacy_request_reminders (
    request_id  uuid not null references privacy_requests (id) on delete cascade,
    reminder    varchar(40) not null,
    sent_at     timestamp with time zone not null,
    primary key (request_id, reminder)
);

-- An uploaded ID copy (last resort): sealed under a key of its own, destroyed right after the check
-- or after 7 days at the latest. Only the timeline remembers that it existed.
create table privacy_request_id_copies (
    request_id    uuid primary key references privacy_requests (id) on delete cascade,
    key_owner     uuid not null,
    content_type  varchar(40) not null,
    size_bytes    bigint not null,
    content       bytea not null,
    uploaded_at   timestamp with time zone not null,
    viewed_at     timestamp with time zone
);
create index privacy_request_id_copies_uploaded on privacy_request_id_copies (uploaded_at);
