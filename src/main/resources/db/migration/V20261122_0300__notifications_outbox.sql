-- notifications: the outbox of rendered mails and the local mail viewer (installations without SMTP).
-- Recipient, subject line, bodies and headers are personal data: sealed (crypto module) under the
-- key of key_owner_id, which is subject_id or, for a mail without subject, a random id of its own.
create table notifications_outbox (
    id              uuid primary key,
    subject_id      uuid,
    key_owner_id    uuid not null,
    category        varchar(16) not null,
    template        varchar(100) not null,
    message_id      varchar(200) not null,
    status          varchar(16) not null,
    created_at      timestamp with time zone not null,
    next_attempt_at timestamp with time zone not null,
    attempts        integer not null default 0,
    last_error_code varchar(64),
    claimed_until   timestamp with time zone,
    claim_token     uuid,
    sent_at         timestamp with time zone,
    failed_at       timestamp with time zone,
    recipient       bytea not null,
    subject_line    bytea not null,
    body_text       bytea not null,
    body_html       bytea not null,
    headers         bytea not null,
    constraint notifications_outbox_status check (status in ('QUEUED', 'SENDING', 'SENT', 'FAILED')),
    constraint notifications_outbox_category check (category in ('TRANSACTIONAL', 'SECURITY', 'MARKETING'))
);
create index notifications_outbox_due on notifications_outbox (status, next_attempt_at);
create index notifications_outbox_subject on notifications_outbox (subject_id);
create index notifications_outbox_claim on notifications_outbox (claim_token);

create table notifications_dev_mailbox (
    id            uuid primary key,
    subject_id    uuid,
    key_owner_id  uuid not null,
    category      varchar(16) not null,
    template      varchar(100) not null,
    message_id    varchar(200) not null,
    delivered_at  timestamp with time zone not null,
    recipient     bytea not null,
    subject_line  bytea not null,
    body_text     bytea not null,
    body_html     bytea not null,
    headers       bytea not null
);
create index notifications_dev_mailbox_delivered on notifications_dev_mailbox (delivered_at);
create index notifications_dev_mailbox_subject on notifications_dev_mailbox (subject_id);
