package io.kluis.hosting.log;

import io.kluis.shared.jobs.JobLease;
import io.kluis.shared.jobs.Jobs;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Creates the page-view partitions ahead of time (PostgreSQL; a no-op on H2): the current month (UTC,
 * by the application clock) and {@code kluis.hosting.log.months-ahead} more, at start-up and every
 * night, under the cluster-wide job lock {@value #JOB}. Writing a month without a partition (an
 * imported old log, a clock far ahead) creates it on demand as well; ahead of time keeps that DDL
 * off the writer's path.
 */
@Component
class PageViewPartitions {

	static final String JOB = "hosting.page-view-partitions";

	private static final Logger log = LoggerFactory.getLogger(PageViewPartitions.class);

	private final PageViewStore store;

	private final PageViewLogProperties properties;

	private final Jobs jobs;

	private final Clock clock;

	PageViewPartitions(PageViewStore store, PageViewLogProperties properties, Jobs jobs, Clock clock) {
		this.store = store;
		this.properties = properties;
		this.jobs = jobs;
		this.clock = clock;
	}

	/** The months that must have a partition now. */
	List<YearMonth> ahead() {
		YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
		return IntStream.rangeClosed(0, properties.monthsAhead()).mapToObj(now::plusMonths).toList();
	}

	/** Creates what is missing under the job lock; false when another node holds it. */
	boolean prepareAhead() {
		Optional<JobLease> lease = jobs.tryAcquire(JOB, Duration.ofMinutes(5));
		if (lease.isEmpty()) {
			return false;
		}
		try (JobLease held = lease.get()) {
			store.prepare(ahead());
			return true;
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void atStartup() {
		try {
			prepareAhead();
		}
		catch (RuntimeException e) {
			// The nightly job and the writer's on-demand creation try again.
			log.warn("event=hosting.page-views.partitions-failed error={}", e.getClass().getSimpleName());
		}
	}

	@Scheduled(cron = "${kluis.hosting.log.partitions-cron:0 17 2 * * *}")
	void nightly() {
		jobs.run(JOB, this::prepareAhead);
	}
}
