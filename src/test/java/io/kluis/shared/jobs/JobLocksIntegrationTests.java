package io.kluis.shared.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.kluis.TestDatabase;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.mock.env.MockEnvironment;

/**
 * The job lock against a real database: an in-memory H2, or PostgreSQL in the {@code postgresql}
 * run (a schema of its own there, created from the migration that creates the table). Each
 * {@link Jobs} below has a lock provider and holder id of its own, as a node of a cluster has.
 * Lock times are the database's, so leases here are short and the waits real.
 */
@Tag("database")
@ExtendWith(TestDatabase.class)
class JobLocksIntegrationTests {

	static HikariDataSource dataSource;

	@BeforeAll
	static void database() throws Exception {
		dataSource = new HikariDataSource();
		dataSource.setMaximumPoolSize(10);
		if (TestDatabase.postgresql()) {
			String url = System.getProperty("kluis.test.postgresql.url");
			String schema = "jobs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
			try (var connection = DriverManager.getConnection(url, "postgres", "");
					var statement = connection.createStatement()) {
				statement.execute("create schema " + schema);
			}
			dataSource.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
			dataSource.setUsername("postgres");
			dataSource.setPassword("");
		}
		else {
			dataSource.setJdbcUrl("jdbc:h2:mem:jobs-" + UUID.randomUUID()
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
		}
		new ResourceDatabasePopulator(new ClassPathResource("db/migration/V20261207_0700__shared_job_locks.sql"))
			.execute(dataSource);
	}

	@AfterAll
	static void close() {
		dataSource.close();
	}

	static Jobs node() {
		return new Jobs(JobsConfiguration.lockProvider(dataSource), new MockEnvironment());
	}

	static String job() {
		return "test." + UUID.randomUUID();
	}

	@Test
	void ofTwoNodesRacingForAJobExactlyOneGetsTheLockEachRound() throws Exception {
		var nodes = List.of(node(), node());
		String job = job();
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			// The first round races for the row's insert, the later ones for the update of an existing row.
			for (int round = 0; round < 5; round++) {
				var start = new CountDownLatch(1);
				var winners = new AtomicInteger();
				var attempts = new ArrayList<Future<Optional<JobLease>>>();
				for (int i = 0; i < 8; i++) {
					Jobs node = nodes.get(i % 2);
					attempts.add(threads.submit(() -> {
						start.await();
						Optional<JobLease> lease = node.tryAcquire(job, Duration.ofMinutes(1));
						lease.ifPresent(l -> winners.incrementAndGet());
						return lease;
					}));
				}
				start.countDown();
				var held = new ArrayList<JobLease>();
				for (var attempt : attempts) {
					attempt.get(30, TimeUnit.SECONDS).ifPresent(held::add);
				}
				assertThat(winners).as("round %d", round).hasValue(1);
				held.forEach(JobLease::close);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void onceRunsTheWorkOnOneNodeOnlyAndReleasesTheLockAfterwards() throws Exception {
		Jobs first = node();
		Jobs second = node();
		String job = job();
		var ran = new AtomicInteger();
		var secondTried = new CountDownLatch(1);
		var inside = new CountDownLatch(1);
		ExecutorService thread = Executors.newSingleThreadExecutor();
		try {
			Future<Boolean> running = thread.submit(() -> first.once(job, Duration.ofMinutes(1), () -> {
				ran.incrementAndGet();
				inside.countDown();
				await(secondTried);
			}));
			await(inside);
			assertThat(second.once(job, Duration.ofMinutes(1), ran::incrementAndGet)).as("skipped while held").isFalse();
			secondTried.countDown();
			assertThat(running.get(30, TimeUnit.SECONDS)).isTrue();
			assertThat(ran).hasValue(1);
			assertThat(second.once(job, Duration.ofMinutes(1), ran::incrementAndGet)).as("free again").isTrue();
			assertThat(ran).hasValue(2);
		}
		finally {
			thread.shutdownNow();
		}
	}

	@Test
	void aFailingRunIsLoggedAndReleasesTheLock() {
		Jobs node = node();
		String job = job();
		assertThat(node.once(job, Duration.ofMinutes(1), () -> {
			throw new IllegalStateException("boom");
		})).isFalse();
		assertThat(node().tryAcquire(job, Duration.ofMinutes(1))).isPresent();
	}

	@Test
	void theLeaseOfANodeThatCrashedRunsOutAndAnotherNodeTakesOver() throws Exception {
		String job = job();
		long start = System.nanoTime();
		assertThat(node().tryAcquire(job, Duration.ofSeconds(1))).as("taken, then never released").isPresent();
		Jobs survivor = node();
		assertThat(survivor.tryAcquire(job, Duration.ofMinutes(1))).as("while the lease runs").isEmpty();
		Optional<JobLease> taken = waitFor(survivor, job);
		assertThat(taken).as("after the lease ran out").isPresent();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
		taken.get().close();
	}

	@Test
	void aRenewedLeaseOutlivesItsFirstTerm() throws Exception {
		String job = job();
		JobLease lease = node().tryAcquire(job, Duration.ofSeconds(1)).orElseThrow();
		assertThat(lease.extend(Duration.ofMinutes(10))).isTrue();
		Thread.sleep(1500);
		Jobs other = node();
		assertThat(other.tryAcquire(job, Duration.ofMinutes(1))).isEmpty();
		lease.close();
		assertThat(other.tryAcquire(job, Duration.ofMinutes(1))).isPresent();
	}

	@Test
	void aNodeWhoseLeaseWasTakenOverNeitherRenewsNorReleasesTheNewHoldersLock() throws Exception {
		String job = job();
		JobLease stalled = node().tryAcquire(job, Duration.ofSeconds(1)).orElseThrow();
		JobLease taker = waitFor(node(), job).orElseThrow();
		assertThat(stalled.extend(Duration.ofMinutes(10))).isFalse();
		stalled.close();
		assertThat(node().tryAcquire(job, Duration.ofMinutes(1))).as("still the taker's").isEmpty();
		taker.close();
	}

	private static Optional<JobLease> waitFor(Jobs node, String job) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		while (System.nanoTime() < deadline) {
			var lease = node.tryAcquire(job, Duration.ofMinutes(1));
			if (lease.isPresent()) {
				return lease;
			}
			Thread.sleep(100);
		}
		return Optional.empty();
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
