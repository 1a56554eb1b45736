package io.kluis.storage.breakglass;

import io.kluis.shared.jobs.Jobs;
import io.kluis.storage.breakglass.BreakGlassEvent.BreakGlassExpired;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records the end of grants whose period is over and of requests nobody decided in time. Access
 * itself never waits for this job ({@link BreakGlassRequest#grantsAt} checks the clock); the job puts
 * the end on the audit trail and starts the record's retention period. Each request is expired by a
 * conditional update, so even overlapping runs record each end once; the schedule still runs on one
 * node at a time (job lock {@value #JOB}), since every other node would only lose the same updates.
 */
@Component
class BreakGlassExpiry {

	static final String JOB = "storage.break-glass-expiry";

	private static final Duration LEASE = Duration.ofMinutes(5);

	private final BreakGlassRequests requests;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Jobs jobs;

	BreakGlassExpiry(BreakGlassRequests requests, ApplicationEventPublisher events, TransactionTemplate transactions,
			Clock clock, Jobs jobs) {
		this.jobs = jobs;
		this.requests = requests;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
	void scheduled() {
		jobs.once(JOB, LEASE, this::run);
	}

	/** Records every end that is due; returns how many this call recorded. */
	int run() {
		Instant now = clock.instant();
		int expired = 0;
		for (BreakGlassRequest request : requests.lapsed(now)) {
			Instant end = request.state() == BreakGlassState.APPROVED ? request.expiresAt()
					: request.requestedAt().plus(BreakGlassRules.DECISION_WINDOW);
			Boolean done = transactions.execute(tx -> {
				if (!requests.expire(request.id(), request.state(), end)) {
					return false;
				}
				events.publishEvent(new BreakGlassExpired(request.id(), request.account(), request.space(),
						request.state().name()));
				return true;
			});
			expired += Boolean.TRUE.equals(done) ? 1 : 0;
		}
		return expired;
	}
}
