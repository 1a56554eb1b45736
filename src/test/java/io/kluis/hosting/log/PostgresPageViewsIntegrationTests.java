package io.kluis.hosting.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisIntegrationTest;
import io.kluis.TestDatabase;
import io.kluis.hosting.SiteId;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The page-view log's PostgreSQL side: monthly partitions made ahead, COPY, and retention that drops
 * whole partitions. Runs in the PostgreSQL run only (skipped, visibly, on H2; when PostgreSQL is asked
 * for but unreachable, {@link TestDatabase} skips on a laptop and fails with {@code CI=true}).
 */
@KluisIntegrationTest
@ExtendWith(PostgresPageViewsIntegrationTests.OnPostgresql.class)
@TestPropertySource(properties = { TestDatabase.OWN_SCHEMA + "=true", "kluis.test.context=hosting-postgresql" })
class PostgresPageViewsIntegrationTests {

	@Autowired
	PageViewStore store;

	@Autowired
	PageViewsHolder holder;

	@Autowired
	PageViewPartitions partitions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Test
	@DisplayName("RET-4: on PostgreSQL the log is partitioned by month, this month and the next three made at start-up")
	void partitionsAreMadeAhead() {
		assertThat(store).isInstanceOf(PostgresPageViews.class);
		YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
		assertThat(pg().partitions()).contains(now, now.plusMonths(1), now.plusMonths(2), now.plusMonths(3));
		assertThat(partitions.prepareAhead()).as("the job takes the shared lock and is idempotent").isTrue();
		assertThat(jdbc.sql("select relkind from pg_class where oid = to_regclass('hosting_page_views')")
			.query(String.class).single()).as("declarative partitioning").isEqualTo("p");
		assertThat(holder.personalColumns()).as("PUR-3 sees the partitions' columns as page views too")
			.containsEntry(PostgresPageViews.partition(now) + ".visitor_ip", "page-views");
	}

	@Test
	@DisplayName("HST-1: a COPY batch stores awkward values exactly (quotes, commas, newlines, backslashes, non-ASCII, nulls)")
	void copyStoresValuesExactly() {
		var site = SiteId.of("copy-exact");
		var view = new PageView(Instant.parse("2026-11-02T03:04:05.123Z"), site, "Tést.example", "/a,b/\"c\"\\d\ne",
				"q=\"1\",2", 418, 7, "UA, with \"quotes\"\\ and\nnewline €", "2001:db8::7", null);
		var other = new PageView(Instant.parse("2026-11-02T03:04:06Z"), site, "x.example", "/", null, 200, 0, null,
				"192.0.2.99", "ref.example");

		store.write(List.of(view, other));

		var rows = jdbc.sql("select viewed_at, domain, path, query, status, bytes, user_agent, host(visitor_ip), "
				+ "referrer_host from hosting_page_views where site_id = ? order by viewed_at")
			.param(site.value())
			.query((rs, i) -> new PageView(rs.getObject(1, java.time.OffsetDateTime.class).toInstant(), site,
					rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getLong(6), rs.getString(7),
					rs.getString(8), rs.getString(9)))
			.list();
		assertThat(rows).containsExactly(view, other);
		assertThat(YearMonth.of(2026, 11)).as("the month's partition was made on demand").isIn(pg().partitions());
	}

	@Test
	@DisplayName("RET-4: retention drops whole expired partitions (dry run lists them with their rows), never the month that straddles the cutoff")
	void retentionDropsWholePartitions() {
		var site = SiteId.of("expiring");
		store.write(List.of(PageViews.at(Instant.parse("2024-01-05T00:00:00Z"), site),
				PageViews.at(Instant.parse("2024-01-31T23:59:59Z"), site),
				PageViews.at(Instant.parse("2024-02-10T00:00:00Z"), site),
				PageViews.at(Instant.parse("2024-03-01T00:00:00Z"), site),
				PageViews.at(Instant.parse("2024-03-20T00:00:00Z"), site)));
		// The cutoff lies inside March 2024: January and February are wholly past it, March is not.
		Instant cutoff = Instant.parse("2024-03-15T00:00:00Z");

		var dry = store.expire(cutoff, true);
		assertThat(dry.partitions()).containsExactly(Map.entry("hosting_page_views_y2024m01", 2L),
				Map.entry("hosting_page_views_y2024m02", 1L));
		assertThat(dry.rows()).isEqualTo(3);
		assertThat(pg().partitions()).contains(YearMonth.of(2024, 1), YearMonth.of(2024, 2));

		assertThat(holder.applyRetention("page-views", cutoff, false)).isEqualTo(3);

		assertThat(pg().partitions()).doesNotContain(YearMonth.of(2024, 1), YearMonth.of(2024, 2))
			.contains(YearMonth.of(2024, 3));
		assertThat(jdbc.sql("select count(*) from hosting_page_views where site_id = ?").param(site.value())
			.query(Long.class).single())
			.as("March stays whole, also its row from before the cutoff, until all of March is past the period")
			.isEqualTo(2);
	}

	@Test
	@DisplayName("RET-4: expiring a month by DROP writes a small fraction of the WAL a DELETE of the same rows writes (P3)")
	void dropWritesFarLessWalThanDelete() {
		int rows = 100_000;
		var may = month(YearMonth.of(2025, 5), rows);
		long copyStarted = System.nanoTime();
		store.write(may);
		long copyMillis = Math.max(1, (System.nanoTime() - copyStarted) / 1_000_000);
		System.out.printf("P1 (indicative): one COPY batch of %d page views in %d ms (%d rows/s)%n", rows, copyMillis,
				rows * 1000L / copyMillis);
		store.write(month(YearMonth.of(2025, 6), rows));
		// As an operator would: the dry run first (its counts also set the rows' hint bits).
		assertThat(store.expire(Instant.parse("2025-06-01T00:00:00Z"), true).partitions())
			.containsEntry("hosting_page_views_y2025m05", (long) rows);
		assertThat(jdbc.sql("select count(*) from hosting_page_views_y2025m06").query(Long.class).single())
			.isEqualTo(rows);

		long started = System.nanoTime();
		String before = lsn();
		jdbc.sql("delete from hosting_page_views_y2025m06").update();
		long deleteWal = walSince(before);
		long deleteMillis = (System.nanoTime() - started) / 1_000_000;

		started = System.nanoTime();
		before = lsn();
		var expiry = store.expire(Instant.parse("2025-06-01T00:00:00Z"), false);
		long dropWal = walSince(before);
		long dropMillis = (System.nanoTime() - started) / 1_000_000;

		System.out.printf("P3: expire %d rows: DROP %d bytes WAL in %d ms; DELETE %d bytes WAL in %d ms (%.3f%%)%n", rows,
				dropWal, dropMillis, deleteWal, deleteMillis, 100.0 * dropWal / deleteWal);
		assertThat(expiry.partitions()).containsEntry("hosting_page_views_y2025m05", (long) rows);
		assertThat(dropWal).isLessThan(deleteWal / 100);
		assertThat(dropMillis).isLessThan(1000);
	}

	private List<PageView> month(YearMonth month, int rows) {
		var views = new ArrayList<PageView>(rows);
		Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
		for (int i = 0; i < rows; i++) {
			views.add(PageViews.at(start.plusSeconds(i * 10L), "wal-" + month));
		}
		return views;
	}

	private String lsn() {
		return jdbc.sql("select pg_current_wal_insert_lsn()::text").query(String.class).single();
	}

	private long walSince(String lsn) {
		return jdbc.sql("select pg_wal_lsn_diff(pg_current_wal_insert_lsn(), ?::pg_lsn)::bigint").param(lsn)
			.query(Long.class).single();
	}

	private PostgresPageViews pg() {
		return (PostgresPageViews) store;
	}

	/** PostgreSQL only: the H2 run skips it with the reason. */
	static final class OnPostgresql implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext extension) {
			return TestDatabase.postgresql() ? ConditionEvaluationResult.enabled("PostgreSQL")
					: ConditionEvaluationResult.disabled("Skipped: needs PostgreSQL; runs with -Ppostgresql "
							+ "-Dkluis.test.postgresql.url=… (.ci/run does)");
		}
	}
}
