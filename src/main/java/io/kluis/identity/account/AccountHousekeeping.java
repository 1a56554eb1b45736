package io.kluis.identity.account;

import io.kluis.shared.jobs.Jobs;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Periodic clean-up of identity's technical leftovers: used or expired single-use tokens and
 * expired browser sessions. Personal-data categories with a period in the processing register
 * (unverified registrations, sessions past their period, login-protection counters) are expired by
 * the privacy retention engine through {@code identity.privacy.IdentityDataHolder}, so the register's
 * period is the only one. Each is one DELETE, run on one node at a time (job locks): on every node
 * the same statements would only contend for the same rows.
 */
@Component
public class AccountHousekeeping {

	private static final Logger log = LoggerFactory.getLogger(AccountHousekeeping.class);

	private static final Duration LEASE = Duration.ofMinutes(5);

	private final OneTimeTokens tokens;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final JdbcIndexedSessionRepository sessions;

	private final Jobs jobs;

	AccountHousekeeping(JdbcIndexedSessionRepository sessions, OneTimeTokens tokens, TransactionTemplate transactions,
			Clock clock, Jobs jobs) {
		this.jobs = jobs;
		this.sessions = sessions;
		this.tokens = tokens;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "${kluis.identity.housekeeping-interval:PT1H}")
	public void run() {
		jobs.once("identity.housekeeping", LEASE, this::purgeTokens);
	}

	private void purgeTokens() {
		Integer purged = transactions.execute(s -> tokens.purgeBefore(clock.instant().minus(Duration.ofDays(1))));
		log.info("event=identity.housekeeping purgedTokens={}", purged);
	}

	/** Removes expired browser sessions (Spring Session's own timer is off, see SessionConfiguration). */
	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT5M")
	public void removeExpiredSessions() {
		jobs.once("identity.expired-sessions", LEASE, sessions::cleanUpExpiredSessions);
	}
}
