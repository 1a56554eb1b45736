-- storage: password attempts on a share link are throttled per guesser — the link and the visitor's
-- network (IPv4 /24, IPv6 /48) — not per link, so a guesser cannot lock the link for everyone
-- (issue 8). The guesser is a keyed hash (HMAC under a key derived from the installation secret)
-- of the link and the network: no address is stored, and rows go with the link and after a day
-- without failures.
create table storage_share_guessers (
    share_id        uuid not null references storage_shares (id) on delete cascade,
    guesser         bytea not null,
    failures        integer not null,
    blocked_until   timestamp with time zone,
    last_failure_at timestamp with time zone not null,
    primary key (share_id, guesser)
);
create index storage_share_guessers_last on storage_share_guessers (last_failure_at);
