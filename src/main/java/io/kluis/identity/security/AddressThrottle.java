package io.kluis.identity.security;

import io.kluis.crypto.PersonalDataCipher;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Failed-login throttling per source address, against password spraying across many accounts.
 * After {@code FREE} failures in the window each further failure doubles the wait. The address is
 * stored only as a keyed hash, so the table holds no IP address.
 */
@Component
class AddressThrottle {

	static final int FREE = 20;

	static final Duration WINDOW = Duration.ofHours(1);

	static final Duration MAX_DELAY = Duration.ofMinutes(30);

	private final JdbcClient jdbc;

	private final PersonalDataCipher cipher;

	private final Clock clock;

	AddressThrottle(JdbcClient jdbc, PersonalDataCipher cipher, Clock clock) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.clock = clock;
	}

	boolean allows(String address) {
		Instant now = clock.instant();
		return jdbc.sql("select throttled_until from identity_address_throttle where address_key = ?")
			.param(key(address))
			.query(Timestamp.class)
			.optional()
			.map(until -> !now.isBefore(until.toInstant()))
			.orElse(true);
	}

	/** Counts a failure; runs in its own transaction so a rolled-back login still counts. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void recordFailure(String address) {
		Instant now = clock.instant();
		byte[] key = key(address);
		var row = jdbc.sql("select failures, window_start from identity_address_throttle where address_key = ? for update")
			.param(key)
			.query((rs, i) -> new Object[] { rs.getInt(1), rs.getTimestamp(2).toInstant() })
			.optional();
		int failures = 1;
		Instant windowStart = now;
		if (row.isPresent() && ((Instant) row.get()[1]).plus(WINDOW).isAfter(now)) {
			failures = (int) row.get()[0] + 1;
			windowStart = (Instant) row.get()[1];
		}
		Timestamp until = failures <= FREE ? null
				: Timestamp.from(now.plus(min(Duration.ofSeconds(1L << Math.min(failures - FREE, 20)), MAX_DELAY)));
		if (row.isPresent()) {
			jdbc.sql("update identity_address_throttle set failures = ?, window_start = ?, throttled_until = ? "
					+ "where address_key = ?")
				.params(failures, Timestamp.from(windowStart), until, key)
				.update();
		}
		else {
			jdbc.sql("insert into identity_address_throttle (address_key, failures, window_start, throttled_until) "
					+ "values (?, ?, ?, ?) on conflict do nothing")
				.params(key, failures, Timestamp.from(windowStart), until)
				.update();
		}
	}

	/** Removes entries whose window and delay are over; they carry no information any more. */
	int purge() {
		Timestamp cutoff = Timestamp.from(clock.instant().minus(WINDOW));
		return jdbc.sql("delete from identity_address_throttle where window_start < ? and "
				+ "(throttled_until is null or throttled_until < ?)")
			.params(cutoff, Timestamp.from(clock.instant()))
			.update();
	}

	private byte[] key(String address) {
		return cipher.blindIndex("identity.login.address", address).bytes();
	}

	private static Duration min(Duration a, Duration b) {
		return a.compareTo(b) <= 0 ? a : b;
	}
}
