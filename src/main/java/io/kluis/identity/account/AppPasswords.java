package io.kluis.identity.account;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.crypto.Sealed;
import io.kluis.identity.AppPasswordCreated;
import io.kluis.identity.AppPasswordRevoked;
import io.kluis.identity.credentials.AppPasswordSecret;
import io.kluis.identity.credentials.SecretHasher;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * App passwords for WebDAV and API clients, which cannot do TOTP. Each is a random 160-bit secret
 * ({@link AppPasswordSecret}) shown once; only its keyed hash ({@link SecretHasher}) is stored.
 * Because the secret is random and long, a fast keyed hash is as safe as Argon2 here and lets
 * every WebDAV request be verified in microseconds.
 */
@Service
public class AppPasswords {

	/** An app password as listed on the sessions page (never the secret). */
	public record Listed(UUID id, String name, Set<AppPasswordScope> scopes, Instant createdAt,
			@Nullable Instant lastUsedAt) {
	}

	/** A secret that checked out: which app password it is and what it may reach. */
	public record Authenticated(UUID id, Set<AppPasswordScope> scopes) {
	}

	/** A newly created app password: the secret, formatted for copying, is shown exactly once. */
	public record Created(UUID id, String name, Set<AppPasswordScope> scopes, String secret) {

		@Override
		public String toString() {
			return "Created[" + id + "]";
		}
	}

	static final int MAX_NAME = 100;

	private static final String NAME = "identity.app_passwords.name";

	private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final PersonalDataCipher cipher;

	private final Supplier<SecretHasher> hasher;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AppPasswords(JdbcClient jdbc, PersonalDataCipher cipher, Supplier<SecretHasher> hasher,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.hasher = hasher;
		this.events = events;
		this.clock = clock;
	}

	/** Creates an app password with the least scope ({@link AppPasswordScope#DEFAULT}: WebDAV only). */
	@Transactional
	public Created create(AccountId account, String name) {
		return create(account, name, AppPasswordScope.DEFAULT);
	}

	@Transactional
	public Created create(AccountId account, String name, Set<AppPasswordScope> scopes) {
		if (scopes.isEmpty()) {
			throw new InvalidInputException("scopes", "choose at least one scope");
		}
		String cleanName = name.strip();
		if (cleanName.isEmpty() || cleanName.length() > MAX_NAME) {
			throw new InvalidInputException("name", "name must be 1 to " + MAX_NAME + " characters");
		}
		AppPasswordSecret secret = AppPasswordSecret.generate();
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into identity_app_passwords (id, account_id, lookup_id, secret_hash, name_sealed, created_at, "
				+ "scopes) values (?, ?, ?, ?, ?, ?, ?)")
			.params(id, account.value(), secret.lookupId(), hasher.get().hash(secret),
					cipher.seal(account, NAME, cleanName).bytes(), Timestamp.from(clock.instant()),
					AppPasswordScope.format(scopes))
			.update();
		events.publishEvent(new AppPasswordCreated(account, id));
		return new Created(id, cleanName, Set.copyOf(scopes), secret.display());
	}

	/**
	 * Whether the secret is one of the account's unrevoked app passwords; records the use (at most
	 * once a minute, so a busy WebDAV client does not write on every request).
	 */
	@Transactional
	public Optional<Authenticated> authenticate(AccountId account, String secretText) {
		var secret = AppPasswordSecret.parse(secretText);
		if (secret.isEmpty()) {
			return Optional.empty();
		}
		var candidates = jdbc.sql("select id, secret_hash, last_used_at, scopes from identity_app_passwords "
				+ "where account_id = ? and lookup_id = ? and revoked_at is null")
			.params(account.value(), secret.get().lookupId())
			.query((rs, i) -> new Candidate(rs.getObject(1, UUID.class), rs.getBytes(2), rs.getTimestamp(3),
					AppPasswordScope.read(rs.getString(4))))
			.list();
		var match = candidates.stream().filter(c -> hasher.get().matches(secret.get(), c.hash())).findFirst();
		if (match.isEmpty()) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		Timestamp lastUsed = match.get().lastUsed();
		if (lastUsed == null || lastUsed.toInstant().plus(LAST_USED_GRANULARITY).isBefore(now)) {
			jdbc.sql("update identity_app_passwords set last_used_at = ? where id = ?")
				.params(Timestamp.from(now), match.get().id())
				.update();
		}
		return Optional.of(new Authenticated(match.get().id(), match.get().scopes()));
	}

	/**
	 * Whether an app password checked earlier still works: not revoked, and its account still
	 * active. One primary-key read, asked on every request that a node answers from its memory of
	 * an earlier check, so a revocation on any node takes effect on all of them at once.
	 */
	public boolean stillValid(UUID id) {
		return jdbc.sql("select count(*) from identity_app_passwords p join identity_accounts a on a.id = p.account_id "
				+ "where p.id = ? and p.revoked_at is null and a.status = ?")
			.params(id, AccountStatus.ACTIVE.name())
			.query(Integer.class)
			.single() > 0;
	}

	private record Candidate(UUID id, byte[] hash, @Nullable Timestamp lastUsed, Set<AppPasswordScope> scopes) {
	}

	public List<Listed> list(AccountId account) {
		return jdbc.sql("select id, name_sealed, created_at, last_used_at, scopes from identity_app_passwords "
				+ "where account_id = ? and revoked_at is null order by created_at")
			.param(account.value())
			.query((rs, i) -> {
				Timestamp lastUsed = rs.getTimestamp(4);
				return new Listed(rs.getObject(1, UUID.class),
						cipher.open(account, NAME, Sealed.fromBytes(rs.getBytes(2))),
						AppPasswordScope.read(rs.getString(5)),
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

}
