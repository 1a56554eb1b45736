package io.kluis.crypto.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The cluster-wide lease on epoch rotation, the same mechanism as the retention lock: one row of
 * {@code crypto_epoch_lock}, taken with one conditional UPDATE, so of several nodes whose schedules
 * fire together exactly one rotates. A node that dies leaves a lease that simply runs out.
 */
@Component
class EpochLease {

	private final JdbcClient jdbc;

	private final Clock clock;

	EpochLease(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	Optional<String> tryAcquire(Duration lease) {
		String token = UUID.randomUUID().toString();
		var now = clock.instant();
		int taken = jdbc.sql("update crypto_epoch_lock set locked_until = ?, locked_by = ? "
				+ "where id = 1 and (locked_until is null or locked_until <= ?)")
			.params(Timestamp.from(now.plus(lease)), token, Timestamp.from(now))
			.update();
		return taken == 1 ? Optional.of(token) : Optional.empty();
	}

	void release(String token) {
		jdbc.sql("update crypto_epoch_lock set locked_until = null, locked_by = null where id = 1 and locked_by = ?")
			.param(token)
			.update();
	}
}
