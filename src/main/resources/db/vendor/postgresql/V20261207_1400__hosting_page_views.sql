-- Hosting's page-view log (RET-4, HST-1), PostgreSQL: one partition per calendar month (UTC) of
-- viewed_at, so that retention drops whole months (DROP TABLE: no row-by-row delete, next to no WAL).
-- Partitions are created ahead by the application (current month + kluis.hosting.log.months-ahead)
-- and on demand for imported months; there is deliberately no default partition, which would hold
-- rows retention cannot drop by month. The H2 twin is db/vendor/h2/V20261207_1400__hosting_page_views.sql.
create table hosting_page_views (
    viewed_at     timestamp with time zone not null,
    site_id       varchar(64)   not null,
    domain        varchar(253)  not null,
    path          varchar(2048) not null,
    query         varchar(2048),
    status        smallint      not null,
    bytes         bigint        not null,
    user_agent    varchar(512),
    visitor_ip    inet          not null,
    referrer_host varchar(253)
) partition by range (viewed_at);

-- Breach search and the top-pages report (P4) go by domain and time; export and erasure by site.
create index hosting_page_views_domain_time on hosting_page_views (domain, viewed_at);
create index hosting_page_views_site_time on hosting_page_views (site_id, viewed_at);
