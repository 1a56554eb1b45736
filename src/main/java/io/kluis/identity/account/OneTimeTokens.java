package io.kluis.identity.account;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.crypto.Sealed;
import io.kluis.shared.AccountId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import io.kluis.identity.credentials.OneTimeToken;
import io.kluis.identity.credentials.SecretHasher;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Single-use tokens for mailed links ({@link OneTimeToken}: 256 random bits, URL-safe). Only a
 * keyed hash bound to the purpose is stored ({@link SecretHasher}), so a database reader cannot use a
 * pending link and a token never works for another purpose; consuming is one conditional UPDATE, so a token works
 * exactly once even when two requests race.
 */
@Component
public class OneTimeTokens {

	/** A consumed token: whose it was and its optional payload (e.g. the new email address). */
	public record Redeemed(UUID id, @Nullable AccountId account, @Nullable String payload) {

		@Override
		public String toString() {
			return "Redeemed[" + id + "]";
		}
	}

	/**
	 * A token as an access request shows it: what it is for and when, and its payload (e.g. a new
	 * email address awaiting confirmation). Never the token itself, which only its hash could give.
	 */
	public record Held(TokenPurpose purpose, Instant createdAt, Instant expiresAt, @Nullable Instant usedAt,
			@Nullable String payload) {

		@Override
		public String toString() {
			return "Held[" + purpose + "]";
		}
	}

	private static final String PAYLOAD_FIELD = "identity.tokens.payload";

	private final JdbcClient jdbc;

	private final PersonalDataCipher cipher;

	private final Supplier<SecretHasher> hasher;

	private final Clock clock;

	OneTimeTokens(JdbcClient jdbc, PersonalDataCipher cipher, Supplier<SecretHasher> hasher, Clock clock) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.hasher = hasher;
		this.clock = clock;
	}

	/** Issues a token and returns the secret to put in the link; it is not stored anywhere. */
	public String issue(@Nullable AccountId account, TokenPurpose purpose, Duration validity, @Nullable String payload) {
		OneTimeToken token = OneTimeToken.generate(purpose.code());
		Instant now = clock.instant();
		UUID id = UUID.randomUUID();
		Sealed sealed = payload == null || account == null ? null : cipher.seal(account, PAYLOAD_FIELD, payload);
		jdbc.sql("insert into identity_tokens (id, account_id, purpose, token_hash, payload_sealed, created_at, expires_at) "
				+ "values (?, ?, ?, ?, ?, ?, ?)")
			.params(id, account == null ? null : account.value(), purpose.name(), hasher.get().hash(token),
					sealed == null ? null : sealed.bytes(), Timestamp.from(now), Timestamp.from(now.plus(validity)))
			.update();
		return token.value();
	}

	/** Marks the token used and returns it, or empty when unknown, expired, used, or for another purpose. */
	public Optional<Redeemed> redeem(TokenPurpose purpose, String token) {
		byte[] hash = hash(purpose, token);
		if (hash == null) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		int claimed = jdbc.sql("update identity_tokens set used_at = ? where token_hash = ? and purpose = ? "
				+ "and used_at is null and expires_at > ?")
			.params(Timestamp.from(now), hash, purpose.name(), Timestamp.from(now))
			.update();
		if (claimed != 1) {
			return Optional.empty();
		}
		return jdbc.sql("select id, account_id, payload_sealed from identity_tokens where token_hash = ?")
			.param(hash)
			.query((rs, i) -> {
				UUID accountId = rs.getObject(2, UUID.class);
				AccountId account = accountId == null ? null : new AccountId(accountId);
				byte[] payload = rs.getBytes(3);
				return new Redeemed(rs.getObject(1, UUID.class), account,
						payload == null || account == null ? null
								: cipher.open(account, PAYLOAD_FIELD, Sealed.fromBytes(payload)));
			})
			.optional();
	}

	/** The account of a currently valid token, without using it up. */
	public Optional<AccountId> peek(TokenPurpose purpose, String token) {
		byte[] hash = hash(purpose, token);
		if (hash == null) {
			return Optional.empty();
		}
		return jdbc.sql("select account_id from identity_tokens where token_hash = ? and purpose = ? and used_at is null "
				+ "and expires_at > ? and account_id is not null")
			.params(hash, purpose.name(), Timestamp.from(clock.instant()))
			.query((rs, i) -> new AccountId(rs.getObject(1, UUID.class)))
			.optional();
	}

	/** Whether a token is currently valid, without using it (for a confirmation page shown before use). */
	public boolean isValid(TokenPurpose purpose, String token) {
		byte[] hash = hash(purpose, token);
		if (hash == null) {
			return false;
		}
		return jdbc.sql("select count(*) from identity_tokens where token_hash = ? and purpose = ? and used_at is null "
				+ "and expires_at > ?")
			.params(hash, purpose.name(), Timestamp.from(clock.instant()))
			.query(Long.class)
			.single() > 0;
	}

	/** Invalidates every open token of a purpose for an account (e.g. older reset links after a reset). */
	public int revokeAll(AccountId account, TokenPurpose purpose) {
		return jdbc.sql("update identity_tokens set used_at = ? where account_id = ? and purpose = ? and used_at is null")
			.params(Timestamp.from(clock.instant()), account.value(), purpose.name())
			.update();
	}

	/** Every token still stored for the account, oldest first (for an access request). */
	public java.util.List<Held> heldFor(AccountId account) {
		return jdbc.sql("select purpose, created_at, expires_at, used_at, payload_sealed from identity_tokens "
				+ "where account_id = ? order by created_at")
			.param(account.value())
			.query((rs, i) -> {
				Timestamp used = rs.getTimestamp(4);
				byte[] payload = rs.getBytes(5);
				return new Held(TokenPurpose.valueOf(rs.getString(1)), rs.getTimestamp(2).toInstant(),
						rs.getTimestamp(3).toInstant(), used == null ? null : used.toInstant(),
						payload == null ? null : cipher.open(account, PAYLOAD_FIELD, Sealed.fromBytes(payload)));
			})
			.list();
	}

	/** Deletes tokens that expired or were used before the cutoff. */
	public int purgeBefore(Instant cutoff) {
		return jdbc.sql("delete from identity_tokens where expires_at < ? or used_at < ?")
			.params(Timestamp.from(cutoff), Timestamp.from(cutoff))
			.update();
	}

	/** The stored hash of a token for this purpose, or null when the text cannot be a token. */
	private byte @Nullable [] hash(TokenPurpose purpose, String token) {
		return OneTimeToken.parse(purpose.code(), token).map(t -> hasher.get().hash(t)).orElse(null);
	}
}
