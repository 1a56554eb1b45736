package io.kluis.hosting.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.hosting.SiteId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The appender on its own, with an in-memory store: batching, shutdown flush, overload. */
class PageViewLogUnitTests {

	static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	@DisplayName("HST-1: page views are written in batches no larger than the batch size, and every one arrives")
	void writesInBatches() throws InterruptedException {
		var store = new InMemoryStore();
		var log = new PageViewLog(store, properties(1000, 50, Duration.ofMillis(200)), meters);
		log.start();
		for (int i = 0; i < 420; i++) {
			assertThat(log.append(PageViews.at(NOW.plusSeconds(i), "site-1"), true)).isTrue();
		}
		assertThat(log.awaitWritten(Duration.ofSeconds(10))).isTrue();
		log.stop();

		assertThat(store.batches).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(50));
		assertThat(store.batches.size()).as("batched, not one write per view").isLessThan(420);
		assertThat(store.all()).hasSize(420);
		assertThat(log.written()).isEqualTo(420);
		assertThat(meters.get("kluis.hosting.page-views.written").counter().count()).isEqualTo(420);
		assertThat(log.dropped()).isZero();
	}

	@Test
	@DisplayName("HST-1: a clean shutdown writes everything still buffered before it returns")
	void cleanShutdownFlushes() {
		var store = new InMemoryStore();
		// A flush interval of an hour: nothing is written before the shutdown unless a batch fills.
		var log = new PageViewLog(store, properties(1000, 1000, Duration.ofHours(1)), meters);
		log.start();
		for (int i = 0; i < 137; i++) {
			log.append(PageViews.at(NOW.plusSeconds(i), "site-1"), true);
		}
		log.stop();

		assertThat(store.all()).hasSize(137);
		assertThat(log.isRunning()).isFalse();
		assertThat(log.append(PageViews.at(NOW, "site-1"), true)).as("after the stop nothing is accepted").isFalse();
		assertThat(meters.get("kluis.hosting.page-views.dropped").tag("reason", "stopped").counter().count()).isEqualTo(1);
	}

	@Test
	@DisplayName("HST-1: when the database cannot keep up, appends are dropped and counted instead of blocking the request")
	void overloadDropsAndCounts() throws InterruptedException {
		var gate = new CountDownLatch(1);
		var store = new InMemoryStore(gate);
		var log = new PageViewLog(store, properties(100, 10, Duration.ofMillis(10)), meters);
		log.start();
		int accepted = 0;
		long started = System.nanoTime();
		for (int i = 0; i < 1000; i++) {
			if (log.append(PageViews.at(NOW.plusSeconds(i), "site-1"), true)) {
				accepted++;
			}
		}
		long took = System.nanoTime() - started;
		gate.countDown();
		assertThat(log.awaitWritten(Duration.ofSeconds(10))).isTrue();
		log.stop();

		assertThat(TimeUnit.NANOSECONDS.toMillis(took)).as("appending never waited for the store").isLessThan(1000);
		// The buffer holds 100; the writer may have taken one batch (up to 10) before the store blocked.
		assertThat(accepted).isBetween(100, 110);
		assertThat(log.dropped()).isEqualTo(1000 - accepted);
		assertThat(meters.get("kluis.hosting.page-views.dropped").tag("reason", "buffer-full").counter().count())
			.isEqualTo(1000 - accepted);
		assertThat(store.all()).as("what was accepted is written").hasSize(accepted);
	}

	@Test
	@DisplayName("HST-1: a batch whose write fails is counted as lost and never retried, so nothing is written twice")
	void aFailedBatchIsCountedNotRetried() throws InterruptedException {
		var store = new InMemoryStore();
		store.failNext = true;
		var log = new PageViewLog(store, properties(1000, 1000, Duration.ofMillis(100)), meters);
		log.start();
		for (int i = 0; i < 5; i++) {
			log.append(PageViews.at(NOW.plusSeconds(i), "site-1"), true);
		}
		assertThat(log.awaitWritten(Duration.ofSeconds(10))).isTrue();
		log.append(PageViews.at(NOW.plusSeconds(99), "site-1"), true);
		log.stop();

		assertThat(store.all()).hasSize(1);
		assertThat(meters.get("kluis.hosting.page-views.dropped").tag("reason", "write-failed").counter().count())
			.isEqualTo(5);
	}

	@Test
	@DisplayName("HST-1: the query string is kept only when the site turned it on")
	void queryOnlyWhenEnabled() throws InterruptedException {
		var store = new InMemoryStore();
		var log = new PageViewLog(store, properties(10, 10, Duration.ofMillis(10)), meters);
		log.start();
		log.append(PageViews.at(NOW, "with-query"), true);
		log.append(PageViews.at(NOW, "without-query"), false);
		log.stop();

		assertThat(store.all()).extracting(v -> v.site().value() + ":" + v.query())
			.containsExactlyInAnyOrder("with-query:utm_source=mail", "without-query:null");
	}

	@Test
	@DisplayName("HST-2: a page view holds request metadata only, and its toString() shows no IP, user agent or path")
	void recordHoldsMetadataOnlyAndPrintsNoPersonalData() {
		var view = PageViews.at(NOW, "site-1");
		assertThat(java.util.Arrays.stream(PageView.class.getRecordComponents()).map(c -> c.getName()))
			.as("what seed 001 lists (domain, path, browser identification, IP) and request metadata; no content, "
					+ "no cookies, no full referrer")
			.containsExactly("time", "site", "domain", "path", "query", "status", "bytes", "userAgent", "visitorIp",
					"referrerHost");
		assertThat(view.toString()).doesNotContain("192.0.2.10", "Mozilla", "index.html", "utm_source", "example");
	}

	static PageViewLogProperties properties(int buffer, int batch, Duration flush) {
		return new PageViewLogProperties(buffer, batch, flush, 3, List.of());
	}

	/** Keeps batches in memory; can hold writes at a gate or fail the next one. */
	static class InMemoryStore implements PageViewStore {

		final List<List<PageView>> batches = Collections.synchronizedList(new ArrayList<>());

		private final CountDownLatch gate;

		volatile boolean failNext;

		InMemoryStore() {
			this(new CountDownLatch(0));
		}

		InMemoryStore(CountDownLatch gate) {
			this.gate = gate;
		}

		List<PageView> all() {
			synchronized (batches) {
				return batches.stream().flatMap(List::stream).toList();
			}
		}

		@Override
		public void write(List<PageView> batch) {
			try {
				gate.await();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			if (failNext) {
				failNext = false;
				throw new IllegalStateException("database down");
			}
			batches.add(List.copyOf(batch));
		}

		@Override
		public void prepare(Collection<YearMonth> months) {
		}

		@Override
		public Expiry expire(Instant cutoff, boolean dryRun) {
			return new Expiry(Map.of(), 0);
		}

		@Override
		public int eraseSites(Collection<SiteId> sites) {
			return 0;
		}

		@Override
		public List<SiteSummary> summaries(Collection<SiteId> sites) {
			return List.of();
		}

		@Override
		public Map<String, String> personalColumns(String category) {
			return Map.of();
		}
	}
}
