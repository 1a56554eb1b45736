-- identity: accounts and everything that authenticates them.
-- Identifying fields are sealed (AES-GCM under the account's data key, see crypto); *_index columns
-- hold keyed blind indexes for exact-match lookups. Nothing here is readable from a dump alone.
create table identity_accounts (
    id                      uuid primary key,
    kind                    varchar(16)  not null,            -- CUSTOMER | STAFF
    status                  varchar(16)  not null,            -- UNVERIFIED | ACTIVE | BLOCKED | CLOSED
    customer_number         varchar(10)  unique,
    email_sealed            bytea        not null,
    email_index             bytea        not null,
    first_name_sealed       bytea,
    last_name_sealed        bytea,
    street_sealed           bytea,
    postal_code_sealed      bytea,
    postal_code_index       bytea,
    city_sealed             bytea,
    country_sealed          bytea,
    date_of_birth_sealed    bytea,
    phone_sealed            bytea,
    company_name_sealed     bytea,
    registration_ip_sealed  bytea,
    locale                  varchar(8)   not null,
    password_hash           varchar(255) not null,
    password_changed_at     timestamp with time zone not null,
    terms_version           varchar(32),
    privacy_policy_version  varchar(32),
    terms_accepted_at       timestamp with time zone,
    created_at              timestamp with time zone not null,
    verified_at             timestamp with time zone,
    totp_secret_sealed      bytea,
    totp_pending_sealed     bytea,
    totp_last_step          bigint       not null default 0,
    mfa_enabled_at          timestamp with time zone,
    failed_logins           integer      not null default 0,
    last_failed_login_at    timestamp with time zone,
    throttled_until         timestamp with time zone,
    locked_at               timestamp with time zone,
    blocked_reason          varchar(64),
    version                 bigint       not null default 0,
    constraint identity_accounts_email_index unique (email_index)
);
create index identity_accounts_postal_code on identity_accounts (postal_code_index);
create index identity_accounts_status_created on identity_accounts (status, created_at);

create table identity_account_roles (
    account_id uuid        not null references identity_accounts (id) on delete cascade,
    role       varchar(32) not null,
    primary key (account_id, role)
);

create table identity_recovery_codes (
    id         uuid primary key,
    account_id uuid  not null references identity_accounts (id) on delete cascade,
    code_hash  bytea not null,
    used_at    timestamp with time zone
);
create index identity_recovery_codes_account on identity_recovery_codes (account_id);

create table identity_app_passwords (
    id           uuid primary key,
    account_id   uuid        not null references identity_accounts (id) on delete cascade,
    lookup_id    varchar(16) not null,
    secret_hash  bytea       not null unique,
    name_sealed  bytea       not null,
    created_at   timestamp with time zone not null,
    last_used_at timestamp with time zone,
    revoked_at   timestamp with time zone
);
create index identity_app_passwords_lookup on identity_app_passwords (account_id, lookup_id);

-- Single-use tokens sent by mail (verification, password reset, unlock, email change, setup).
create table identity_tokens (
    id             uuid primary key,
    account_id     uuid references identity_accounts (id) on delete cascade,
    purpose        varchar(24) not null,
    token_hash     bytea       not null unique,
    payload_sealed bytea,
    created_at     timestamp with time zone not null,
    expires_at     timestamp with time zone not null,
    used_at        timestamp with time zone
);
create index identity_tokens_account on identity_tokens (account_id);
create index identity_tokens_expires on identity_tokens (expires_at);

-- Failed-login throttling per source address. The key is a keyed hash of the address: no IP is stored.
create table identity_address_throttle (
    address_key    bytea primary key,
    failures       integer not null,
    window_start   timestamp with time zone not null,
    throttled_until timestamp with time zone
);

-- Spring Session JDBC (sessions live in the database so any node can serve any request).
create table spring_session (
    primary_id            char(36)     not null,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval integer      not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id) references spring_session (primary_id) on delete cascade
);
