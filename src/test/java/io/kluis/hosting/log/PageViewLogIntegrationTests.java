package io.kluis.hosting.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** The appender bean against the real database (batched inserts on H2, COPY on PostgreSQL). */
@KluisIntegrationTest
@TestPropertySource(properties = { "kluis.hosting.log.sites=imported-1,imported-2,imported-3,imported-4",
		"kluis.hosting.log.batch-size=3", "kluis.hosting.log.buffer-size=16" })
class PageViewLogIntegrationTests {

	@Autowired
	PageViewLog log;

	@Autowired
	JdbcClient jdbc;

	/** A PostgreSQL database reused between runs may hold an earlier run's rows. */
	@org.junit.jupiter.api.BeforeEach
	void forgetEarlierRuns() {
		jdbc.sql("delete from hosting_page_views where site_id = 'appended'").update();
	}

	@Test
	@DisplayName("HST-1: page views appended by serving code all reach the database through the background writer")
	void appendedViewsReachTheDatabase() throws InterruptedException {
		assertThat(log.isRunning()).as("started with the application").isTrue();
		Instant start = Instant.parse("2026-12-07T08:00:00Z");
		int accepted = 0;
		for (int i = 0; i < 40; i++) {
			if (log.append(PageViews.at(start.plusSeconds(i), "appended"), i % 2 == 0)) {
				accepted++;
			}
			// The buffer holds 16 here: give the writer a moment now and then, as real traffic would.
			if (i % 8 == 7) {
				assertThat(log.awaitWritten(Duration.ofSeconds(10))).isTrue();
			}
		}
		assertThat(log.awaitWritten(Duration.ofSeconds(10))).isTrue();

		assertThat(accepted).isEqualTo(40);
		assertThat(jdbc.sql("select count(*) from hosting_page_views where site_id = 'appended'").query(Long.class)
			.single()).isEqualTo(40);
		assertThat(jdbc.sql("select count(*) from hosting_page_views where site_id = 'appended' and query is not null")
			.query(Long.class).single()).as("queries only where the site kept them").isEqualTo(20);
	}
}
