package io.kluis.identity.account;

import io.kluis.identity.Role;
import io.kluis.shared.AccountId;
import io.kluis.shared.CustomerNumber;
import io.kluis.shared.EmailAddress;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The account aggregate: who someone is (sealed personal data), how they authenticate, and the
 * state that guards login. State changes are intention-revealing methods with guards; there are no
 * setters. {@link #toString()} prints the id only.
 */
public class Account {

	private final AccountId id;

	private final AccountKind kind;

	private AccountStatus status;

	private final @Nullable CustomerNumber customerNumber;

	private EmailAddress email;

	private @Nullable PersonalData personal;

	private @Nullable String registrationIp;

	private Locale locale;

	private String passwordHash;

	private Instant passwordChangedAt;

	private final Consent consent;

	private final Instant createdAt;

	private @Nullable Instant verifiedAt;

	private @Nullable String totpSecret;

	private @Nullable String totpPending;

	private long totpLastStep;

	private @Nullable Instant mfaEnabledAt;

	private final LoginGuard guard;

	private @Nullable String blockedReason;

	private final Set<Role> roles;

	private final long version;

	/** Terms and privacy-policy versions accepted at registration, and when. */
	public record Consent(@Nullable String termsVersion, @Nullable String privacyPolicyVersion,
			@Nullable Instant acceptedAt) {
	}

	Account(AccountId id, AccountKind kind, AccountStatus status, @Nullable CustomerNumber customerNumber,
			EmailAddress email, @Nullable PersonalData personal, @Nullable String registrationIp, Locale locale,
			String passwordHash, Instant passwordChangedAt, Consent consent, Instant createdAt,
			@Nullable Instant verifiedAt, @Nullable String totpSecret, @Nullable String totpPending, long totpLastStep,
			@Nullable Instant mfaEnabledAt, LoginGuard guard, @Nullable String blockedReason, Set<Role> roles, long version) {
		this.id = id;
		this.kind = kind;
		this.status = status;
		this.customerNumber = customerNumber;
		this.email = email;
		this.personal = personal;
		this.registrationIp = registrationIp;
		this.locale = locale;
		this.passwordHash = passwordHash;
		this.passwordChangedAt = passwordChangedAt;
		this.consent = consent;
		this.createdAt = createdAt;
		this.verifiedAt = verifiedAt;
		this.totpSecret = totpSecret;
		this.totpPending = totpPending;
		this.totpLastStep = totpLastStep;
		this.mfaEnabledAt = mfaEnabledAt;
		this.guard = guard;
		this.blockedReason = blockedReason;
		this.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
		this.version = version;
	}

	/** A customer who has just registered: unverified until the emailed link is used. */
	public static Account registerCustomer(AccountId id, CustomerNumber number, EmailAddress email, PersonalData personal,
			@Nullable String registrationIp, Locale locale, String passwordHash, Consent consent, Instant now) {
		return new Account(id, AccountKind.CUSTOMER, AccountStatus.UNVERIFIED, number, email, personal, registrationIp,
				locale, passwordHash, now, consent, now, null, null, null, 0, null, LoginGuard.fresh(), null,
				EnumSet.of(Role.CUSTOMER), 0);
	}

	/** A staff member created by an administrator or the setup link: active, email taken as given. */
	public static Account createStaff(AccountId id, EmailAddress email, Locale locale, String passwordHash,
			Set<Role> staffRoles, Instant now) {
		if (staffRoles.isEmpty() || staffRoles.contains(Role.CUSTOMER) || staffRoles.contains(Role.STAFF)) {
			throw new IllegalArgumentException("staff need at least one staff role and no customer role");
		}
		var roles = EnumSet.copyOf(staffRoles);
		roles.add(Role.STAFF);
		return new Account(id, AccountKind.STAFF, AccountStatus.ACTIVE, null, email, null, null, locale, passwordHash,
				now, new Consent(null, null, null), now, now, null, null, 0, null, LoginGuard.fresh(), null, roles, 0);
	}

	public void markVerified(Instant at) {
		if (status != AccountStatus.UNVERIFIED) {
			throw new IllegalStateException("only unverified accounts can be verified");
		}
		status = AccountStatus.ACTIVE;
		verifiedAt = at;
	}

	public boolean canLogIn() {
		return status == AccountStatus.ACTIVE && !guard.isLocked();
	}

	public void changePassword(String newHash, Instant at) {
		passwordHash = newHash;
		passwordChangedAt = at;
	}

	/** Re-hash with stronger parameters after a successful login (SEC-2); not a password change. */
	public void upgradePasswordHash(String newHash) {
		passwordHash = newHash;
	}

	/** Keeps a new TOTP secret until the user proves their app has it by entering a code. */
	public void startTotpEnrollment(String secret) {
		totpPending = secret;
	}

	/** Activates the pending secret; {@code confirmedStep} is the step of the code that proved it. */
	public void confirmTotpEnrollment(long confirmedStep, Instant at) {
		if (totpPending == null) {
			throw new IllegalStateException("no TOTP enrollment in progress");
		}
		totpSecret = totpPending;
		totpPending = null;
		totpLastStep = confirmedStep;
		mfaEnabledAt = at;
	}

	public void disableMfa() {
		totpSecret = null;
		totpPending = null;
		totpLastStep = 0;
		mfaEnabledAt = null;
	}

	/** Records the time step of an accepted code, so the same code cannot be replayed. */
	public void acceptTotpStep(long step) {
		if (step <= totpLastStep) {
			throw new IllegalStateException("TOTP step already used");
		}
		totpLastStep = step;
	}

	public void changeEmail(EmailAddress newEmail) {
		email = newEmail;
	}

	public void correctPersonalData(PersonalData corrected) {
		if (kind != AccountKind.CUSTOMER) {
			throw new IllegalStateException("staff accounts hold no customer personal data");
		}
		personal = corrected;
	}

	public void changeLocale(Locale newLocale) {
		locale = newLocale;
	}

	public void block(String reasonCode) {
		if (status == AccountStatus.CLOSED) {
			throw new IllegalStateException("closed accounts cannot be blocked");
		}
		status = AccountStatus.BLOCKED;
		blockedReason = reasonCode;
	}

	public void unblock() {
		if (status != AccountStatus.BLOCKED) {
			throw new IllegalStateException("account is not blocked");
		}
		status = verifiedAt == null ? AccountStatus.UNVERIFIED : AccountStatus.ACTIVE;
		blockedReason = null;
	}

	public void replaceRoles(Set<Role> staffRoles) {
		if (kind != AccountKind.STAFF) {
			throw new IllegalStateException("only staff have staff roles");
		}
		roles.clear();
		roles.addAll(staffRoles);
		roles.add(Role.STAFF);
	}

	public AccountId id() {
		return id;
	}

	public AccountKind kind() {
		return kind;
	}

	public AccountStatus status() {
		return status;
	}

	public @Nullable CustomerNumber customerNumber() {
		return customerNumber;
	}

	public EmailAddress email() {
		return email;
	}

	public @Nullable PersonalData personal() {
		return personal;
	}

	public @Nullable String registrationIp() {
		return registrationIp;
	}

	public Locale locale() {
		return locale;
	}

	public String passwordHash() {
		return passwordHash;
	}

	public Instant passwordChangedAt() {
		return passwordChangedAt;
	}

	public Consent consent() {
		return consent;
	}

	public Instant createdAt() {
		return createdAt;
	}

	public @Nullable Instant verifiedAt() {
		return verifiedAt;
	}

	public @Nullable String totpSecret() {
		return totpSecret;
	}

	public @Nullable String totpPending() {
		return totpPending;
	}

	public long totpLastStep() {
		return totpLastStep;
	}

	public @Nullable Instant mfaEnabledAt() {
		return mfaEnabledAt;
	}

	public boolean hasMfa() {
		return totpSecret != null;
	}

	public LoginGuard guard() {
		return guard;
	}

	public @Nullable String blockedReason() {
		return blockedReason;
	}

	public Set<Role> roles() {
		return EnumSet.copyOf(roles);
	}

	public boolean isStaff() {
		return kind == AccountKind.STAFF;
	}

	long version() {
		return version;
	}

	@Override
	public String toString() {
		return "Account[" + id + "]";
	}
}
