package io.kluis.billing.subscriptions;

import io.kluis.shared.jobs.Jobs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The scheduled job at the end of terms (on one node at a time): cancelled subscriptions whose term is
 * over end, the others renew. Each subscription in a transaction of its own, so one failure does not
 * hold up the rest; the next run tries it again.
 */
@Component
public class TermEnds {

	/** The job's cluster lock, which {@code billing invoice-run} takes too. */
	public static final String JOB = "billing.term-ends";

	private static final Logger log = LoggerFactory.getLogger(TermEnds.class);

	private static final Duration LEASE = Duration.ofMinutes(10);

	private static final int BATCH = 200;

	private final Jobs jobs;

	private final Subscriptions subscriptions;

	private final SubscriptionLifecycle lifecycle;

	private final Clock clock;

	TermEnds(Jobs jobs, Subscriptions subscriptions, SubscriptionLifecycle lifecycle, Clock clock) {
		this.jobs = jobs;
		this.subscriptions = subscriptions;
		this.lifecycle = lifecycle;
		this.clock = clock;
	}

	@Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
	void scheduled() {
		jobs.once(JOB, LEASE, this::runAll);
	}

	/** What one run did: subscriptions renewed, ended, and those that failed (tried again next run). */
	public record Run(int renewed, int ended, int failed) {
	}

	/**
	 * Handles every subscription whose term is over now; returns how many ended. Public for tests and for
	 * a manual run.
	 */
	public int run() {
		return runAll().ended();
	}

	/** {@link #run} with every count, for {@code billing invoice-run}. The caller holds the lock {@link #JOB}. */
	public Run runAll() {
		Instant now = clock.instant();
		int ended = 0;
		int handled = 0;
		var failed = new java.util.HashSet<UUID>();
		while (true) {
			var due = subscriptions.dueAt(now, BATCH).stream().filter(id -> !failed.contains(id)).toList();
			if (due.isEmpty()) {
				break;
			}
			for (UUID id : due) {
				try {
					if (lifecycle.handleTermEnd(id, now)) {
						ended++;
					}
					handled++;
				}
				catch (RuntimeException e) {
					failed.add(id);
					log.warn("event=billing.term-end-failed subscription={} error={}", id, e.getClass().getSimpleName());
				}
			}
		}
		if (handled > 0) {
			log.info("event=billing.term-ends handled={} ended={} failed={}", handled, ended, failed.size());
		}
		return new Run(handled - ended, ended, failed.size());
	}
}
