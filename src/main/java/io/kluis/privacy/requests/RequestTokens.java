package io.kluis.privacy.requests;

import io.kluis.crypto.PersonalDataCipher;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tokens for people without a login: 256 random bits, handed out once (in a mail or a redirect) and
 * stored only as a keyed hash (the crypto module's blind index, HMAC under an installation secret),
 * so a database dump neither reveals a usable token nor lets one be guessed offline.
 */
@Component
class RequestTokens {

	enum Purpose {
		/** Single-use: proves the requester reads the mail of the address the data belongs to. */
		CONFIRM,
		/** Reusable until it expires: opens the requester's status page. */
		STATUS
	}

	private static final SecureRandom RANDOM = new SecureRandom();

	/** Longer input is not a token of ours; it is not even hashed. */
	private static final int MAX_LENGTH = 64;

	private final JdbcClient jdbc;

	private final PersonalDataCipher cipher;

	RequestTokens(JdbcClient jdbc, PersonalDataCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	String issue(RequestId request, Purpose purpose, Instant expiresAt) {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		jdbc.sql("insert into privacy_request_tokens (token_hash, request_id, purpose, expires_at) values (?, ?, ?, ?)")
			.params(hash(purpose, token), request.value(), purpose.name(), Timestamp.from(expiresAt))
			.update();
		return token;
	}

	/** Uses up a single-use token: the request it belongs to, once; empty when unknown, used or expired. */
	Optional<RequestId> redeem(String token, Purpose purpose, Instant now) {
		Optional<RequestId> request = find(token, purpose, now);
		if (request.isPresent()) {
			int used = jdbc.sql("update privacy_request_tokens set used_at = ? where token_hash = ? and used_at is null")
				.params(Timestamp.from(now), hash(purpose, token))
				.update();
			return used == 1 ? request : Optional.empty();
		}
		return request;
	}

	/** The request of a valid, unused token. */
	Optional<RequestId> find(String token, Purpose purpose, Instant now) {
		if (token.isEmpty() || token.length() > MAX_LENGTH) {
			return Optional.empty();
		}
		return jdbc.sql("select request_id from privacy_request_tokens where token_hash = ? and purpose = ? "
				+ "and used_at is null and expires_at > ?")
			.params(hash(purpose, token), purpose.name(), Timestamp.from(now))
			.query(UUID.class)
			.optional()
			.map(RequestId::new);
	}

	private byte[] hash(Purpose purpose, String token) {
		return cipher.blindIndex("privacy.requests.token." + purpose.name().toLowerCase(java.util.Locale.ROOT), token).bytes();
	}
}
