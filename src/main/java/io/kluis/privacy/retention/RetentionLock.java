package io.kluis.privacy.retention;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The cluster-wide lock on real retention runs: a lease on the single row of
 * {@code privacy_retention_lock}, taken with one conditional UPDATE (atomic on PostgreSQL and H2),
 * so of several nodes started by the same cron exactly one runs. No transaction is held open while
 * the rules run; a node that dies leaves a lease that simply runs out.
 */
@Component
class RetentionLock {

	private final JdbcClient jdbc;

	private final Clock clock;

	RetentionLock(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The lease's token when this caller got it, empty when another holder's lease still runs. */
	Optional<String> tryAcquire(Duration lease) {
		String token = UUID.randomUUID().toString();
		var now = clock.instant();
		int taken = jdbc.sql("update privacy_retention_lock set locked_until = ?, locked_by = ? "
				+ "where id = 1 and (locked_until is null or locked_until <= ?)")
			.params(Timestamp.from(now.plus(lease)), token, Timestamp.from(now))
			.update();
		return taken == 1 ? Optional.of(token) : Optional.empty();
	}

	/** Renews the lease; false when it was lost (ran out and was taken over). */
	boolean extend(String token, Duration lease) {
		return jdbc.sql("update privacy_retention_lock set locked_until = ? where id = 1 and locked_by = ?")
			.params(Timestamp.from(clock.instant().plus(lease)), token)
			.update() == 1;
	}

	void release(String token) {
		jdbc.sql("update privacy_retention_lock set locked_until = null, locked_by = null where id = 1 and locked_by = ?")
			.param(token)
			.update();
	}
}
