package io.kluis.identity.account;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.identity.UnverifiedAccountExpired;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Periodic clean-up of identity data that has no purpose any more: unverified registrations past
 * their verification period (deleted, and their data key destroyed so no copy stays readable) and
 * used or expired single-use tokens.
 */
@Component
public class AccountHousekeeping {

	private static final Logger log = LoggerFactory.getLogger(AccountHousekeeping.class);

	private final Accounts accounts;

	private final OneTimeTokens tokens;

	private final PersonalDataCipher cipher;

	private final IdentityProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final JdbcIndexedSessionRepository sessions;

	AccountHousekeeping(JdbcIndexedSessionRepository sessions, Accounts accounts, OneTimeTokens tokens, PersonalDataCipher cipher,
			IdentityProperties properties, ApplicationEventPublisher events, TransactionTemplate transactions,
			Clock clock) {
		this.sessions = sessions;
		this.accounts = accounts;
		this.tokens = tokens;
		this.cipher = cipher;
		this.properties = properties;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "${kluis.identity.housekeeping-interval:PT1H}")
	public void run() {
		int expired = deleteExpiredRegistrations();
		Integer purged = transactions.execute(s -> tokens.purgeBefore(clock.instant().minus(Duration.ofDays(1))));
		log.info("event=identity.housekeeping expiredRegistrations={} purgedTokens={}", expired, purged);
	}

	/** Removes expired browser sessions (Spring Session's own timer is off, see SessionConfiguration). */
	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT5M")
	public void removeExpiredSessions() {
		sessions.cleanUpExpiredSessions();
	}

	/** Deletes unverified registrations older than the verification period; returns how many. */
	public int deleteExpiredRegistrations() {
		Instant cutoff = clock.instant().minus(properties.verificationPeriod());
		int total = 0;
		while (true) {
			Integer batch = transactions.execute(status -> {
				var ids = accounts.unverifiedCreatedBefore(cutoff, 100);
				for (var id : ids) {
					accounts.delete(id);
					cipher.destroyDataKey(id);
					events.publishEvent(new UnverifiedAccountExpired(id));
				}
				return ids.size();
			});
			if (batch == null || batch == 0) {
				return total;
			}
			total += batch;
		}
	}
}
