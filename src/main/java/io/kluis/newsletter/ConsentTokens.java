package io.kluis.newsletter;

import io.kluis.crypto.PersonalDataCipher;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Single-use tokens for the newsletter's confirmation links: 256 random bits, URL-safe. Only a keyed
 * hash is stored (the installation's blind-index key for a field named after the purpose), so a
 * database reader cannot use a pending link and a token of one purpose never works for another.
 * Redeeming is one conditional UPDATE, so a token works exactly once even when two requests race.
 */
@Repository
class ConsentTokens {

	static final String CONFIRM = "newsletter-confirm";

	private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final PersonalDataCipher cipher;

	private final Clock clock;

	ConsentTokens(JdbcClient jdbc, PersonalDataCipher cipher, Clock clock) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.clock = clock;
	}

	/** 32 random bytes as unpadded URL-safe Base64 (43 characters). */
	static String newSecret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static boolean looksLikeSecret(String text) {
		return SHAPE.matcher(text).matches();
	}

	String issue(String purpose, UUID subscription, Duration validity) {
		String token = newSecret();
		Instant now = clock.instant();
		jdbc.sql("insert into privacy_consent_tokens (token_hash, purpose, subscription_id, expires_at) values (?, ?, ?, ?)")
			.params(hash(purpose, token), purpose, subscription, Timestamp.from(now.plus(validity)))
			.update();
		return token;
	}

	/** Whether the token is valid now, without using it (for the page shown before confirming). */
	boolean isValid(String purpose, String token) {
		if (!looksLikeSecret(token)) {
			return false;
		}
		return jdbc.sql("select count(*) from privacy_consent_tokens where token_hash = ? and purpose = ? "
				+ "and used_at is null and expires_at > ?")
			.params(hash(purpose, token), purpose, Timestamp.from(clock.instant()))
			.query(Long.class)
			.single() > 0;
	}

	/** Uses the token up and returns its subscription, or empty when unknown, expired or used. */
	Optional<UUID> redeem(String purpose, String token) {
		if (!looksLikeSecret(token)) {
			return Optional.empty();
		}
		byte[] hash = hash(purpose, token);
		Timestamp now = Timestamp.from(clock.instant());
		int claimed = jdbc.sql("update privacy_consent_tokens set used_at = ? where token_hash = ? and purpose = ? "
				+ "and used_at is null and expires_at > ?")
			.params(now, hash, purpose, now)
			.update();
		if (claimed != 1) {
			return Optional.empty();
		}
		return jdbc.sql("select subscription_id from privacy_consent_tokens where token_hash = ?")
			.param(hash)
			.query(UUID.class)
			.optional();
	}

	int deleteFor(UUID subscription) {
		return jdbc.sql("delete from privacy_consent_tokens where subscription_id = ?").param(subscription).update();
	}

	int purgeBefore(Instant cutoff) {
		Timestamp at = Timestamp.from(cutoff);
		return jdbc.sql("delete from privacy_consent_tokens where expires_at < ? or used_at < ?").params(at, at).update();
	}

	private byte[] hash(String purpose, String token) {
		return cipher.blindIndex("privacy.consent.token." + purpose, token).bytes();
	}
}
