package io.kluis.hosting.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisIntegrationTest;
import io.kluis.TestDatabase;
import io.kluis.privacy.Evidence;
import io.kluis.privacy.retention.RetentionEngine;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The register's {@code page-views} rule through the retention engine, on whichever database the run
 * uses (H2: rows deleted; PostgreSQL: whole monthly partitions dropped, see
 * {@link PostgresPageViewsIntegrationTests} for the partitions themselves). Own schema: a real run
 * removes every expired page view, not only this test's.
 */
@KluisIntegrationTest
@TestPropertySource(properties = { TestDatabase.OWN_SCHEMA + "=true", "kluis.test.context=hosting-retention" })
class PageViewRetentionIntegrationTests {

	@Autowired
	RetentionEngine engine;

	@Autowired
	PageViewStore store;

	@Autowired
	Evidence evidence;

	@Autowired
	JdbcClient jdbc;

	@Test
	@DisplayName("RET-4: the register keeps page views two years; older ones are destroyed as the dry run predicted, with evidence")
	void pageViewsOlderThanTwoYearsAreDestroyed() {
		var rule = engine.rules().stream().filter(r -> r.id().equals("page-views")).findFirst().orElseThrow();
		assertThat(rule.period()).isEqualTo(java.time.Period.ofYears(2));
		assertThat(engine.module(rule)).isEqualTo("hosting");

		// Well past the period (whole months before the cutoff), and well within it.
		Instant asOf = Instant.parse("2029-03-15T12:00:00Z");
		store.write(List.of(PageViews.at(Instant.parse("2026-12-03T10:00:00Z"), "retained-1"),
				PageViews.at(Instant.parse("2026-12-28T10:00:00Z"), "retained-1"),
				PageViews.at(Instant.parse("2027-01-10T10:00:00Z"), "retained-1"),
				PageViews.at(Instant.parse("2028-06-01T10:00:00Z"), "retained-1")));
		Instant cutoff = engine.cutoff(rule, asOf);
		assertThat(cutoff).isEqualTo(asOf.atZone(ZoneId.of("Europe/Amsterdam")).minusYears(2).toInstant());

		int predicted = engine.run(asOf, true, Set.of("page-views")).rules().get(0).count();
		assertThat(count()).as("a dry run removes nothing").isEqualTo(4);
		var real = engine.run(asOf, false, Set.of("page-views"));

		assertThat(predicted).isEqualTo(3);
		assertThat(real.rules()).singleElement().satisfies(r -> {
			assertThat(r.count()).isEqualTo(predicted);
			assertThat(r.error()).isNull();
		});
		assertThat(jdbc.sql("select viewed_at from hosting_page_views").query(java.time.OffsetDateTime.class).list())
			.extracting(java.time.OffsetDateTime::toInstant)
			.containsExactly(Instant.parse("2028-06-01T10:00:00Z"));
		assertThat(evidence.recent(50)).anySatisfy(e -> {
			assertThat(e.kind()).isEqualTo(Evidence.Kind.RETENTION);
			assertThat(e.asOf()).isEqualTo(asOf);
			assertThat(e.removed()).isEqualTo(Map.of("page-views", 3));
		});
		assertThat(engine.run(asOf, false, Set.of("page-views")).total()).as("idempotent").isZero();
	}

	private long count() {
		return jdbc.sql("select count(*) from hosting_page_views").query(Long.class).single();
	}
}
