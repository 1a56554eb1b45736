package io.kluis.identity.privacy;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.identity.UnverifiedAccountExpired;
import io.kluis.identity.account.Accounts;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Identity's retention rules, each the single implementation of its category's period; the
 * privacy register says how long (RET-2), the retention engine says when. Each deletion runs in
 * batches, joining the caller's transaction when there is one, so a run can be interrupted and
 * repeated: what is gone stays gone, the rest goes next time.
 */
@Component
class IdentityRetention {

	private static final int BATCH = 100;

	private final Accounts accounts;

	private final PersonalDataCipher cipher;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final JdbcClient jdbc;

	private final Clock clock;

	IdentityRetention(Accounts accounts, PersonalDataCipher cipher, ApplicationEventPublisher events,
			TransactionTemplate transactions, JdbcClient jdbc, Clock clock) {
		this.accounts = accounts;
		this.cipher = cipher;
		this.events = events;
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Registrations whose email was not confirmed before the cutoff: deleted with everything that
	 * cascades from the account row, and their data key destroyed, so no copy (a backup, a queued
	 * mail) stays readable. Each is announced as {@link UnverifiedAccountExpired} (audited).
	 */
	int unverifiedRegistrations(Instant cutoff, boolean dryRun) {
		if (dryRun) {
			return count("select count(*) from identity_accounts where status = 'UNVERIFIED' and created_at < ?",
					Timestamp.from(cutoff));
		}
		int total = 0;
		while (true) {
			Integer batch = transactions.execute(status -> {
				var ids = accounts.unverifiedCreatedBefore(cutoff, BATCH);
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

	/** Browser sessions last used before the cutoff (their attributes cascade). */
	int sessions(Instant cutoff, boolean dryRun) {
		long millis = cutoff.toEpochMilli();
		if (dryRun) {
			return count("select count(*) from spring_session where last_access_time < ?", millis);
		}
		return jdbc.sql("delete from spring_session where last_access_time < ?").param(millis).update();
	}

	/**
	 * Failed-login counters per source address whose window started before the cutoff and that no
	 * longer throttle anyone. The per-account counters live on the account row and are reset by the
	 * next successful login (as the register says), so they have no period of their own.
	 */
	int loginProtection(Instant cutoff, boolean dryRun) {
		String where = " from identity_address_throttle where window_start < ? "
				+ "and (throttled_until is null or throttled_until < ?)";
		Timestamp at = Timestamp.from(cutoff);
		Timestamp now = Timestamp.from(clock.instant());
		if (dryRun) {
			return count("select count(*)" + where, at, now);
		}
		return jdbc.sql("delete" + where).params(at, now).update();
	}

	private int count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single().intValue();
	}
}
