package io.kluis.identity.account;

import io.kluis.crypto.DataKeyDestroyedException;
import io.kluis.crypto.PersonalDataCipher;
import io.kluis.crypto.Sealed;
import io.kluis.identity.Role;
import io.kluis.shared.AccountId;
import io.kluis.shared.CustomerNumber;
import io.kluis.shared.EmailAddress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores accounts with every identifying field sealed under the account's own data key (SEC-3),
 * plus blind indexes for the exact-match lookups login and staff search need (email, postcode).
 * An account whose data key was destroyed (crypto-shredded) reads as absent.
 */
@Repository
public class Accounts {

	static final String EMAIL = "identity.accounts.email";
	static final String FIRST_NAME = "identity.accounts.first_name";
	static final String LAST_NAME = "identity.accounts.last_name";
	static final String STREET = "identity.accounts.street";
	static final String POSTAL_CODE = "identity.accounts.postal_code";
	static final String CITY = "identity.accounts.city";
	static final String COUNTRY = "identity.accounts.country";
	static final String DATE_OF_BIRTH = "identity.accounts.date_of_birth";
	static final String PHONE = "identity.accounts.phone";
	static final String COMPANY = "identity.accounts.company_name";
	static final String REGISTRATION_IP = "identity.accounts.registration_ip";
	static final String TOTP_SECRET = "identity.accounts.totp_secret";
	static final String TOTP_PENDING = "identity.accounts.totp_pending";

	private static final String COLUMNS = "id, kind, status, customer_number, email_sealed, first_name_sealed, "
			+ "last_name_sealed, street_sealed, postal_code_sealed, city_sealed, country_sealed, date_of_birth_sealed, "
			+ "phone_sealed, company_name_sealed, registration_ip_sealed, locale, password_hash, password_changed_at, "
			+ "terms_version, privacy_policy_version, terms_accepted_at, created_at, verified_at, totp_secret_sealed, "
			+ "totp_pending_sealed, "
			+ "totp_last_step, mfa_enabled_at, failed_logins, last_failed_login_at, throttled_until, locked_at, "
			+ "blocked_reason, version";

	private final JdbcClient jdbc;

	private final PersonalDataCipher cipher;

	private final TransactionTemplate reads;

	private final TransactionTemplate writes;

	public Accounts(JdbcClient jdbc, PersonalDataCipher cipher, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.reads = new TransactionTemplate(transactions);
		this.reads.setReadOnly(true);
		this.writes = new TransactionTemplate(transactions);
	}

	public Optional<Account> findById(AccountId id) {
		return one("where id = ?", id.value());
	}

	public Optional<Account> findByEmail(EmailAddress email) {
		return one("where email_index = ?", emailIndex(email));
	}

	public Optional<Account> findByCustomerNumber(CustomerNumber number) {
		return one("where customer_number = ?", number.value());
	}

	public List<Account> findByPostalCode(String postalCode) {
		return many("where postal_code_index = ? order by created_at",
				cipher.blindIndex(POSTAL_CODE, canonicalPostalCode(postalCode)).bytes());
	}

	public boolean existsByEmail(EmailAddress email) {
		return jdbc.sql("select count(*) from identity_accounts where email_index = ?")
			.param(emailIndex(email))
			.query(Long.class)
			.single() > 0;
	}

	public boolean customerNumberTaken(CustomerNumber number) {
		return jdbc.sql("select count(*) from identity_accounts where customer_number = ?")
			.param(number.value())
			.query(Long.class)
			.single() > 0;
	}

	public boolean anyWithRole(Role role) {
		return jdbc.sql("select count(*) from identity_account_roles r join identity_accounts a on a.id = r.account_id "
				+ "where r.role = ? and a.status = 'ACTIVE'")
			.param(role.name())
			.query(Long.class)
			.single() > 0;
	}

	/** A page of accounts, newest first, for staff lists (the caller decides what to show). */
	public List<Account> page(AccountKind kind, int offset, int limit) {
		return many("where kind = ? order by created_at desc, id offset ? rows fetch next ? rows only", kind.name(),
				offset, limit);
	}

	/** Active customers, oldest first (for mailing every customer, e.g. a significant policy change). */
	public List<Account> activeCustomers(int offset, int limit) {
		return many("where kind = 'CUSTOMER' and status = 'ACTIVE' order by created_at, id offset ? rows fetch next ? rows only",
				offset, limit);
	}

	public long count(AccountKind kind) {
		return jdbc.sql("select count(*) from identity_accounts where kind = ?").param(kind.name()).query(Long.class).single();
	}

	public List<AccountId> unverifiedCreatedBefore(Instant cutoff, int limit) {
		return jdbc.sql("select id from identity_accounts where status = 'UNVERIFIED' and created_at < ? "
				+ "order by created_at fetch first ? rows only")
			.params(Timestamp.from(cutoff), limit)
			.query((rs, i) -> new AccountId(rs.getObject(1, UUID.class)))
			.list();
	}

	public void insert(Account account) {
		var values = columnValues(account);
		values.put("id", account.id().value());
		values.put("kind", account.kind().name());
		values.put("customer_number", account.customerNumber() == null ? null : account.customerNumber().value());
		values.put("created_at", Timestamp.from(account.createdAt()));
		values.put("terms_version", account.consent().termsVersion());
		values.put("privacy_policy_version", account.consent().privacyPolicyVersion());
		values.put("terms_accepted_at", timestamp(account.consent().acceptedAt()));
		Sealed ip = cipher.sealNullable(account.id(), REGISTRATION_IP, account.registrationIp());
		values.put("registration_ip_sealed", ip == null ? null : ip.bytes());
		values.put("version", 0L);
		String columns = String.join(", ", values.keySet());
		String marks = String.join(", ", values.keySet().stream().map(k -> "?").toList());
		jdbc.sql("insert into identity_accounts (" + columns + ") values (" + marks + ")")
			.params(new ArrayList<>(values.values()))
			.update();
		writeRoles(account);
	}

	/**
	 * Saves changes, refusing to overwrite a concurrent change (optimistic locking). The failed-login
	 * state is not written here: it changes only through the atomic statements below, so a burst of
	 * wrong passwords neither loses counts nor makes other changes fail.
	 */
	public void update(Account account) {
		var values = columnValues(account);
		GUARD_COLUMNS.forEach(values::remove);
		var assignments = String.join(", ", values.keySet().stream().map(k -> k + " = ?").toList());
		var params = new ArrayList<>(values.values());
		params.add(account.id().value());
		params.add(account.version());
		int updated = jdbc.sql("update identity_accounts set " + assignments + ", version = version + 1 "
				+ "where id = ? and version = ?").params(params).update();
		if (updated != 1) {
			throw new OptimisticLockingFailureException("account " + account.id() + " was changed concurrently");
		}
		jdbc.sql("delete from identity_account_roles where account_id = ?").param(account.id().value()).update();
		writeRoles(account);
	}

	private static final List<String> GUARD_COLUMNS = List.of("failed_logins", "last_failed_login_at",
			"throttled_until", "locked_at");

	/**
	 * Counts one failed factor (wrong password or code) with an atomic increment in the database,
	 * however many arrive at once, and sets the delay and the lock the policy asks for. The row is
	 * locked from here to the end of the caller's transaction (or of these statements, without one),
	 * so concurrent failures are counted one after another; callers keep that short (no password
	 * hashing after it).
	 * @return true when this failure locked the account
	 */
	public boolean recordLoginFailure(Account account, Instant now, LoginGuard.Policy policy) {
		boolean lockedNow = Boolean.TRUE.equals(writes.execute(status -> countFailure(account, now, policy)));
		account.guard().recordFailure(now, policy);
		return lockedNow;
	}

	private boolean countFailure(Account account, Instant now, LoginGuard.Policy policy) {
		UUID id = account.id().value();
		jdbc.sql("update identity_accounts set failed_logins = failed_logins + 1, last_failed_login_at = ? where id = ?")
			.params(Timestamp.from(now), id)
			.update();
		int failures = jdbc.sql("select failed_logins from identity_accounts where id = ?")
			.param(id)
			.query(Integer.class)
			.optional()
			.orElse(0);
		Duration delay = policy.delayAfter(failures);
		jdbc.sql("update identity_accounts set throttled_until = ? where id = ?")
			.params(delay.isZero() ? null : Timestamp.from(now.plus(delay)), id)
			.update();
		boolean lockedNow = failures >= policy.lockAfter()
				&& jdbc.sql("update identity_accounts set locked_at = ? where id = ? and locked_at is null")
					.params(Timestamp.from(now), id)
					.update() == 1;
		return lockedNow;
	}

	/** Forgives earlier failures after a complete login (the lock, if any, stays). */
	public void recordLoginSuccess(Account account) {
		jdbc.sql("update identity_accounts set failed_logins = 0, throttled_until = null where id = ?")
			.param(account.id().value())
			.update();
		account.guard().recordSuccess();
	}

	/** Lifts a lock and forgets the failures. */
	public void unlock(Account account) {
		jdbc.sql("update identity_accounts set failed_logins = 0, throttled_until = null, locked_at = null where id = ?")
			.param(account.id().value())
			.update();
		account.guard().unlock();
	}

	/** Deletes the account row and everything that cascades from it; returns rows deleted (0 or 1). */
	public int delete(AccountId id) {
		return jdbc.sql("delete from identity_accounts where id = ?").param(id.value()).update();
	}

	private Map<String, @Nullable Object> columnValues(Account account) {
		AccountId id = account.id();
		Map<String, @Nullable Object> v = new LinkedHashMap<>();
		v.put("status", account.status().name());
		v.put("email_sealed", cipher.seal(id, EMAIL, account.email().value()).bytes());
		v.put("email_index", emailIndex(account.email()));
		PersonalData p = account.personal();
		v.put("first_name_sealed", p == null ? null : cipher.seal(id, FIRST_NAME, p.firstName()).bytes());
		v.put("last_name_sealed", p == null ? null : cipher.seal(id, LAST_NAME, p.lastName()).bytes());
		v.put("street_sealed", p == null ? null : cipher.seal(id, STREET, p.street()).bytes());
		v.put("postal_code_sealed", p == null ? null : cipher.seal(id, POSTAL_CODE, p.postalCode()).bytes());
		v.put("postal_code_index",
				p == null ? null : cipher.blindIndex(POSTAL_CODE, canonicalPostalCode(p.postalCode())).bytes());
		v.put("city_sealed", p == null ? null : cipher.seal(id, CITY, p.city()).bytes());
		v.put("country_sealed", p == null ? null : cipher.seal(id, COUNTRY, p.country()).bytes());
		v.put("date_of_birth_sealed", p == null ? null : cipher.seal(id, DATE_OF_BIRTH, p.dateOfBirth().toString()).bytes());
		v.put("phone_sealed", p == null || p.phone() == null ? null : cipher.seal(id, PHONE, p.phone()).bytes());
		v.put("company_name_sealed",
				p == null || p.companyName() == null ? null : cipher.seal(id, COMPANY, p.companyName()).bytes());
		v.put("locale", account.locale().toLanguageTag());
		v.put("password_hash", account.passwordHash());
		v.put("password_changed_at", Timestamp.from(account.passwordChangedAt()));
		v.put("verified_at", timestamp(account.verifiedAt()));
		v.put("totp_secret_sealed",
				account.totpSecret() == null ? null : cipher.seal(id, TOTP_SECRET, account.totpSecret()).bytes());
		v.put("totp_pending_sealed",
				account.totpPending() == null ? null : cipher.seal(id, TOTP_PENDING, account.totpPending()).bytes());
		v.put("totp_last_step", account.totpLastStep());
		v.put("mfa_enabled_at", timestamp(account.mfaEnabledAt()));
		LoginGuard g = account.guard();
		v.put("failed_logins", g.failures());
		v.put("last_failed_login_at", timestamp(g.lastFailureAt()));
		v.put("throttled_until", timestamp(g.throttledUntil()));
		v.put("locked_at", timestamp(g.lockedAt()));
		v.put("blocked_reason", account.blockedReason());
		return v;
	}

	private void writeRoles(Account account) {
		for (Role role : account.roles()) {
			jdbc.sql("insert into identity_account_roles (account_id, role) values (?, ?)")
				.params(account.id().value(), role.name())
				.update();
		}
	}

	private byte[] emailIndex(EmailAddress email) {
		return cipher.blindIndex(EMAIL, email.canonical()).bytes();
	}

	static String canonicalPostalCode(String postalCode) {
		return postalCode.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
	}

	private Optional<Account> one(String where, Object... params) {
		List<Account> found = many(where, params);
		return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
	}

	/**
	 * Reads in one transaction, so the row, its roles and its data key come through one pooled
	 * connection: outside a transaction each query in the row callback would take a second one while
	 * the first is held, and as many look-ups at once as the pool has connections (every WebDAV and
	 * API request looks its account up) would wait for each other until the pool's timeout.
	 */
	private List<Account> many(String where, Object... params) {
		List<Account> accounts = new ArrayList<>();
		reads.executeWithoutResult(tx -> jdbc.sql("select " + COLUMNS + " from identity_accounts " + where)
			.params(params)
			.query((ResultSet rs) -> {
				try {
					accounts.add(map(rs));
				}
				catch (DataKeyDestroyedException e) {
					// Crypto-shredded: nothing about this account can be read any more.
				}
			}));
		return accounts;
	}

	private Account map(ResultSet rs) throws SQLException {
		AccountId id = new AccountId(rs.getObject("id", UUID.class));
		EmailAddress email = EmailAddress.of(open(id, EMAIL, rs.getBytes("email_sealed")));
		PersonalData personal = null;
		byte[] firstName = rs.getBytes("first_name_sealed");
		if (firstName != null) {
			personal = new PersonalData(open(id, FIRST_NAME, firstName), open(id, LAST_NAME, rs.getBytes("last_name_sealed")),
					open(id, STREET, rs.getBytes("street_sealed")), open(id, POSTAL_CODE, rs.getBytes("postal_code_sealed")),
					open(id, CITY, rs.getBytes("city_sealed")), open(id, COUNTRY, rs.getBytes("country_sealed")),
					LocalDate.parse(open(id, DATE_OF_BIRTH, rs.getBytes("date_of_birth_sealed"))),
					open(id, PHONE, rs.getBytes("phone_sealed")), open(id, COMPANY, rs.getBytes("company_name_sealed")));
		}
		String number = rs.getString("customer_number");
		var consent = new Account.Consent(rs.getString("terms_version"), rs.getString("privacy_policy_version"),
				instant(rs.getTimestamp("terms_accepted_at")));
		var guard = new LoginGuard(rs.getInt("failed_logins"), instant(rs.getTimestamp("last_failed_login_at")),
				instant(rs.getTimestamp("throttled_until")), instant(rs.getTimestamp("locked_at")));
		return new Account(id, AccountKind.valueOf(rs.getString("kind")), AccountStatus.valueOf(rs.getString("status")),
				number == null ? null : new CustomerNumber(number), email, personal,
				open(id, REGISTRATION_IP, rs.getBytes("registration_ip_sealed")),
				Locale.forLanguageTag(rs.getString("locale")), rs.getString("password_hash"),
				rs.getTimestamp("password_changed_at").toInstant(), consent, rs.getTimestamp("created_at").toInstant(),
				instant(rs.getTimestamp("verified_at")), open(id, TOTP_SECRET, rs.getBytes("totp_secret_sealed")),
				open(id, TOTP_PENDING, rs.getBytes("totp_pending_sealed")), rs.getLong("totp_last_step"), instant(rs.getTimestamp("mfa_enabled_at")), guard,
				rs.getString("blocked_reason"), roles(id), rs.getLong("version"));
	}

	private Set<Role> roles(AccountId id) {
		var roles = EnumSet.noneOf(Role.class);
		jdbc.sql("select role from identity_account_roles where account_id = ?")
			.param(id.value())
			.query(String.class)
			.list()
			.forEach(r -> roles.add(Role.valueOf(r)));
		return roles;
	}

	@SuppressWarnings("NullAway")
	private String open(AccountId id, String field, byte @Nullable [] sealed) {
		return sealed == null ? null : cipher.open(id, field, Sealed.fromBytes(sealed));
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
