-- privacy: published versions of the processing register (POL-1). content is the canonical JSON of
-- the effective register (keys sorted); content_hash its SHA-256. The primary key on version_number
-- lets two nodes that start at once with the same new register store it once: the second insert
-- conflicts, and that node finds the version the first one stored.
create table privacy_register_versions (
    version_number integer primary key,
    published_at   timestamp with time zone not null,
    significant    boolean not null,
    content_hash   varchar(64) not null,
    content        text not null,
    changes_nl     varchar(4000) not null,
    changes_en     varchar(4000) not null,
    -- set once every active customer was mailed about a significant version (POL-2)
    announced_at   timestamp with time zone
);
create index privacy_register_versions_hash on privacy_register_versions (content_hash);
