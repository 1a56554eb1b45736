-- Hosting's page-view log (RET-4, HST-1), H2: the same columns as on PostgreSQL in one ordinary
-- table (H2 has no declarative partitioning and no inet type); retention deletes rows here. The
-- PostgreSQL twin is db/vendor/postgresql/V20261207_1400__hosting_page_views.sql.
create table hosting_page_views (
    viewed_at     timestamp with time zone not null,
    site_id       varchar(64)   not null,
    domain        varchar(253)  not null,
    path          varchar(2048) not null,
    query         varchar(2048),
    status        smallint      not null,
    bytes         bigint        not null,
    user_agent    varchar(512),
    visitor_ip    varchar(45)   not null,
    referrer_host varchar(253)
);

create index hosting_page_views_domain_time on hosting_page_views (domain, viewed_at);
create index hosting_page_views_site_time on hosting_page_views (site_id, viewed_at);
create index hosting_page_views_time on hosting_page_views (viewed_at);
