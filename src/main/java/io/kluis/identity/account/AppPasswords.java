package io.kluis.identity.account;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.crypto.Sealed;
import io.kluis.identity.AppPasswordCreated;
import io.kluis.identity.AppPasswordRevoked;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.NotFoundException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.codec.binary.Base32;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * App passwords for WebDAV and API clients, which cannot do TOTP. Each is a random 160-bit secret
 * shown once; only its keyed hash (HMAC under an installation secret, see crypto's blind index) is
 * stored. Because the secret is random and long, a fast keyed hash is as safe as Argon2 here and
 * lets every WebDAV request be verified in microseconds.
 */
@Service
public class AppPasswords {

	/** An app password as listed on the sessions page (never the secret). */
	public record Listed(UUID id, String name, Instant createdAt, @Nullable Instant lastUsedAt) {
	}

	/** A newly created app password: the secret, formatted for copying, is shown exactly once. */
	public record Created(UUID id, String name, String secret) {

		@Override
		public String toString() {
			return "Created[" + id + "]";
		}
	}

	static final int MAX_NAME = 100;

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final PersonalDataCipher cipher;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AppPasswords(JdbcClient jdbc, PersonalDataCipher cipher, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public Created create(AccountId account, String name) {
		String cleanName = name.strip();
		if (cleanName.isEmpty() || cleanName.length() > MAX_NAME) {
			throw new io.kluis.shared.web.InvalidInputException("name", "name must be 1 to " + MAX_NAME + " characters");
		}
		byte[] raw = new byte[20];
		RANDOM.nextBytes(raw);
		String compact = new Base32().encodeToString(raw).toLowerCase(Locale.ROOT);
		String secret = String.join("-", compact.substring(0, 8), compact.substring(8, 16), compact.substring(16, 24),
				compact.substring(24, 32));
		UUID id = UUID.randomUUID();
		byte[] displayId = new byte[5];
		RANDOM.nextBytes(displayId);
		jdbc.sql("insert into identity_app_passwords (id, account_id, lookup_id, secret_hash, name_sealed, created_at) "
				+ "values (?, ?, ?, ?, ?, ?)")
			.params(id, account.value(), new Base32().encodeToString(displayId).toLowerCase(Locale.ROOT), hash(secret),
					cipher.seal(account, "identity.app_passwords.name", cleanName).bytes(), Timestamp.from(clock.instant()))
			.update();
		events.publishEvent(new AppPasswordCreated(account, id));
		return new Created(id, cleanName, secret);
	}

	/** The account an unrevoked app password belongs to; records the use (at most once a minute). */
	@Transactional
	public Optional<AccountId> authenticate(String secret) {
		String normalised = normalise(secret);
		if (normalised.length() != 35) {
			return Optional.empty();
		}
		var row = jdbc.sql("select id, account_id, last_used_at from identity_app_passwords "
				+ "where secret_hash = ? and revoked_at is null")
			.param(hash(normalised))
			.query((rs, i) -> new Object[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getTimestamp(3) })
			.optional();
		if (row.isEmpty()) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		Timestamp lastUsed = (Timestamp) row.get()[2];
		if (lastUsed == null || lastUsed.toInstant().plus(LAST_USED_GRANULARITY).isBefore(now)) {
			jdbc.sql("update identity_app_passwords set last_used_at = ? where id = ?")
				.params(Timestamp.from(now), row.get()[0])
				.update();
		}
		return Optional.of(new AccountId((UUID) row.get()[1]));
	}

	public List<Listed> list(AccountId account) {
		return jdbc.sql("select id, name_sealed, created_at, last_used_at from identity_app_passwords "
				+ "where account_id = ? and revoked_at is null order by created_at")
			.param(account.value())
			.query((rs, i) -> {
				Timestamp lastUsed = rs.getTimestamp(4);
				return new Listed(rs.getObject(1, UUID.class),
						cipher.open(account, "identity.app_passwords.name", Sealed.fromBytes(rs.getBytes(2))),
						rs.getTimestamp(3).toInstant(), lastUsed == null ? null : lastUsed.toInstant());
			})
			.list();
	}

	/** Revokes one of the account's app passwords; 404 when it is not theirs or already revoked. */
	@Transactional
	public void revoke(AccountId account, UUID id, AccountId actor) {
		int revoked = jdbc.sql("update identity_app_passwords set revoked_at = ? where id = ? and account_id = ? "
				+ "and revoked_at is null")
			.params(Timestamp.from(clock.instant()), id, account.value())
			.update();
		if (revoked != 1) {
			throw new NotFoundException("app password");
		}
		events.publishEvent(new AppPasswordRevoked(account, actor, id));
	}

	/** Revokes all of an account's app passwords (password reset, account block); returns how many. */
	@Transactional
	public int revokeAll(AccountId account, AccountId actor) {
		var ids = list(account).stream().map(Listed::id).toList();
		ids.forEach(id -> revoke(account, id, actor));
		return ids.size();
	}

	/** Accepts the secret with or without dashes and spaces, in any case. */
	static String normalise(String secret) {
		String compact = secret.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
		if (compact.length() != 32) {
			return compact;
		}
		return String.join("-", compact.substring(0, 8), compact.substring(8, 16), compact.substring(16, 24),
				compact.substring(24, 32));
	}

	private byte[] hash(String normalisedSecret) {
		return cipher.blindIndex("identity.app_passwords.secret", normalisedSecret).bytes();
	}
}
