/**
 * Web hosting: so far only the page-view log of hosted sites (RET-4, HST-1, HST-2), which the
 * sites, deploys and serving still to come write into. Sites do not exist yet: a site is an opaque
 * {@link io.kluis.hosting.SiteId} that the {@link io.kluis.hosting.HostedSites} port knows.
 *
 * <p>Depends on {@code shared} only (ids, the job lock, commands, the personal-data SPI). The privacy
 * engine reaches the log through the SPI holder, not through an import of this module.
 *
 * <p><b>API</b> (this package): {@link io.kluis.hosting.SiteId} and the port {@link io.kluis.hosting.HostedSites}.
 * Inside: {@code log} (the appender, the stores for PostgreSQL and H2, partitions, retention, import)
 * and {@code internal} (the interim {@code HostedSites} adapter).
 *
 * <p>Owns every table whose name starts with {@code hosting_}.
 */
@NullMarked
package io.kluis.hosting;

import org.jspecify.annotations.NullMarked;
