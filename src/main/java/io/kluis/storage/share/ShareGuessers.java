package io.kluis.storage.share;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Failed password attempts on share links, per guesser: a keyed hash of the link and the visitor's
 * network ({@link ShareSecrets#guesser}). A row is forgotten a day after its last failure (when it
 * no longer blocks), and with its link.
 */
@Repository
class ShareGuessers {

	static final Duration FORGET_AFTER = Duration.ofDays(1);

	private final JdbcClient jdbc;

	ShareGuessers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Until when this guesser may not try, if it is blocked now. */
	Optional<Instant> blockedUntil(UUID share, byte[] guesser, Instant now) {
		return jdbc.sql("select blocked_until from storage_share_guessers where share_id = ? and guesser = ? "
				+ "and blocked_until > ?")
			.params(share, guesser, Timestamp.from(now))
			.query((rs, i) -> rs.getTimestamp(1).toInstant())
			.optional();
	}

	/** Counts a failure atomically (however many arrive at once); returns this guesser's failures so far. */
	int failed(UUID share, byte[] guesser, Instant now) {
		jdbc.sql("delete from storage_share_guessers where last_failure_at < ? "
				+ "and (blocked_until is null or blocked_until < ?)")
			.params(Timestamp.from(now.minus(FORGET_AFTER)), Timestamp.from(now))
			.update();
		jdbc.sql("insert into storage_share_guessers (share_id, guesser, failures, last_failure_at) values (?, ?, 0, ?) "
				+ "on conflict do nothing")
			.params(share, guesser, Timestamp.from(now))
			.update();
		jdbc.sql("update storage_share_guessers set failures = failures + 1, last_failure_at = ? "
				+ "where share_id = ? and guesser = ?")
			.params(Timestamp.from(now), share, guesser)
			.update();
		return jdbc.sql("select failures from storage_share_guessers where share_id = ? and guesser = ?")
			.params(share, guesser)
			.query(Integer.class)
			.optional()
			.orElse(1);
	}

	void block(UUID share, byte[] guesser, Instant until) {
		jdbc.sql("update storage_share_guessers set blocked_until = ? where share_id = ? and guesser = ?")
			.params(Timestamp.from(until), share, guesser)
			.update();
	}

	/** The guesser found the password: its failures are forgotten. */
	void succeeded(UUID share, byte[] guesser) {
		jdbc.sql("delete from storage_share_guessers where share_id = ? and guesser = ?").params(share, guesser).update();
	}
}
