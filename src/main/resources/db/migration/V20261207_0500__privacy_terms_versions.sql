-- Every version of the terms of service this installation showed (kluis.privacy.terms-location):
-- registration records the version a customer accepted, and /terms/versions/<version> shows its text.
create table privacy_terms_versions (
    version      varchar(40) primary key,
    published_at timestamp with time zone not null,
    content_hash varchar(64) not null
);

create table privacy_terms_texts (
    version  varchar(40) not null references privacy_terms_versions (version),
    language varchar(8)  not null,
    html     text        not null,
    primary key (version, language)
);
