package io.kluis.hosting.log;

import io.kluis.hosting.SiteId;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where page views are kept: {@link PostgresPageViews} (monthly partitions, COPY, retention by DROP)
 * or {@link H2PageViews} (one table, batched inserts, retention by DELETE). One interface, so the
 * appender, the import, retention and the holder do not care which.
 */
interface PageViewStore {

	String TABLE = "hosting_page_views";

	/** Writes the batch in one transaction: all of it or nothing. */
	void write(List<PageView> batch);

	/** Makes sure page views of these months (UTC) can be written; a no-op where there are no partitions. */
	void prepare(Collection<YearMonth> months);

	/**
	 * What retention removes at {@code cutoff}, and with {@code dryRun} false removes it.
	 */
	Expiry expire(Instant cutoff, boolean dryRun);

	/** Deletes every page view of these sites (account closure); how many. */
	int eraseSites(Collection<SiteId> sites);

	/** Per site: how many page views, the oldest and the newest (no personal data). */
	List<SiteSummary> summaries(Collection<SiteId> sites);

	/** The personal columns, {@code "table.column"} → category, of the table and (PostgreSQL) each partition. */
	Map<String, String> personalColumns(String category);

	/**
	 * What a retention run removed or (dry run) would remove.
	 *
	 * @param partitions per dropped partition (PostgreSQL), its name and row count, oldest first;
	 *        empty on H2
	 * @param rows all rows removed
	 */
	record Expiry(Map<String, Long> partitions, long rows) {
	}

	record SiteSummary(SiteId site, long pageViews, Instant oldest, Instant newest) {
	}
}
