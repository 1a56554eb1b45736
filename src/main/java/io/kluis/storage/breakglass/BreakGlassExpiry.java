package io.kluis.storage.breakglass;

import io.kluis.storage.breakglass.BreakGlassEvent.BreakGlassExpired;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records the end of grants whose period is over and of requests nobody decided in time. Access
 * itself never waits for this job ({@link BreakGlassRequest#grantsAt} checks the clock); the job puts
 * the end on the audit trail and starts the record's retention period. Each request is expired by a
 * conditional update, so on several nodes each is recorded once.
 */
@Component
class BreakGlassExpiry {

	private final BreakGlassRequests requests;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	BreakGlassExpiry(BreakGlassRequests requests, ApplicationEventPublisher events, TransactionTemplate transactions,
			Clock clock) {
		this.requests = requests;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
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
