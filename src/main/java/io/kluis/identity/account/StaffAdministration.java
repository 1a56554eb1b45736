package io.kluis.identity.account;

import io.kluis.audit.AuditTrail;
import io.kluis.identity.AccountBlocked;
import io.kluis.identity.AccountUnblocked;
import io.kluis.identity.Role;
import io.kluis.identity.StaffAccountCreated;
import io.kluis.shared.AccountId;
import io.kluis.shared.CustomerNumber;
import io.kluis.shared.EmailAddress;
import io.kluis.shared.web.ConflictException;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What staff do with accounts, each action limited to the roles whose task needs it (SEC-4).
 * Searching returns no personal data; opening a customer's personal data requires a reason and is
 * written to the audit trail in the same transaction as the read.
 */
@Service
public class StaffAdministration {

	/** A search hit or list row: nothing personal. */
	public record Summary(AccountId id, @Nullable CustomerNumber customerNumber, AccountKind kind, AccountStatus status,
			Instant createdAt, boolean mfa, boolean locked) {

		static Summary of(Account a) {
			return new Summary(a.id(), a.customerNumber(), a.kind(), a.status(), a.createdAt(), a.hasMfa(),
					a.guard().isLocked());
		}
	}

	/** A customer's record as opened by staff for a stated reason. */
	public record Opened(Summary summary, EmailAddress email, @Nullable PersonalData personal, Set<Role> roles) {
	}

	private static final Pattern TICKET = Pattern.compile("[A-Za-z0-9#\\-]{0,32}");

	private final Accounts accounts;

	private final AuditTrail audit;

	private final AccountSessions sessions;

	private final AppPasswords appPasswords;

	private final MultiFactor multiFactor;

	private final PasswordHashing passwords;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	StaffAdministration(Accounts accounts, AuditTrail audit, AccountSessions sessions, AppPasswords appPasswords,
			MultiFactor multiFactor, PasswordHashing passwords, ApplicationEventPublisher events, Clock clock) {
		this.accounts = accounts;
		this.audit = audit;
		this.sessions = sessions;
		this.appPasswords = appPasswords;
		this.multiFactor = multiFactor;
		this.passwords = passwords;
		this.events = events;
		this.clock = clock;
	}

	/** Newest customers first; no personal data. */
	@PreAuthorize("hasAnyRole('ADMIN','SUPPORT','BILLING','PRIVACY_OFFICER')")
	public List<Summary> customers(int page, int size) {
		return accounts.page(AccountKind.CUSTOMER, page * size, size).stream().map(Summary::of).toList();
	}

	@PreAuthorize("hasRole('ADMIN')")
	public List<Summary> staff() {
		return accounts.page(AccountKind.STAFF, 0, 500).stream().map(Summary::of).toList();
	}

	/** Exact search by email, customer number or postcode; the query is never stored or logged. */
	@PreAuthorize("hasAnyRole('ADMIN','SUPPORT','BILLING','PRIVACY_OFFICER')")
	public List<Summary> find(String query) {
		String q = query.strip();
		if (q.isEmpty() || q.length() > EmailAddress.MAX_LENGTH) {
			return List.of();
		}
		if (CustomerNumber.isWellFormed(q.toUpperCase(Locale.ROOT))) {
			return accounts.findByCustomerNumber(new CustomerNumber(q.toUpperCase(Locale.ROOT))).map(Summary::of).stream()
				.toList();
		}
		if (EmailAddress.isValid(q)) {
			return accounts.findByEmail(EmailAddress.of(q)).map(Summary::of).stream().toList();
		}
		return accounts.findByPostalCode(q).stream().map(Summary::of).toList();
	}

	@PreAuthorize("hasAnyRole('ADMIN','SUPPORT','BILLING','PRIVACY_OFFICER')")
	public Summary summary(AccountId id) {
		return Summary.of(load(id));
	}

	/** Opens the personal data for a reason; the read is audited before anything is returned. */
	@Transactional
	@PreAuthorize("hasAnyRole('ADMIN','SUPPORT','BILLING','PRIVACY_OFFICER')")
	public Opened open(AccountId id, AccountId staff, ReadReason reason, String ticket) {
		if (!TICKET.matcher(ticket).matches()) {
			throw new InvalidInputException("ticket", "ticket reference: up to 32 letters, digits, # or -");
		}
		Account account = load(id);
		var details = new LinkedHashMap<String, String>();
		details.put("reason", reason.name());
		if (!ticket.isEmpty()) {
			details.put("ticket", ticket);
		}
		audit.record("identity.personal-data.read-by-staff", staff, id, details);
		return new Opened(Summary.of(account), account.email(), account.personal(), account.roles());
	}

	@Transactional
	@PreAuthorize("hasRole('ADMIN')")
	public void block(AccountId id, AccountId staff, String reasonCode) {
		Account account = load(id);
		if (account.id().equals(staff)) {
			throw new ConflictException("you cannot block your own account");
		}
		account.block(reasonCode);
		accounts.update(account);
		sessions.endAll(id, null);
		events.publishEvent(new AccountBlocked(id, staff, reasonCode));
	}

	@Transactional
	@PreAuthorize("hasRole('ADMIN')")
	public void unblock(AccountId id, AccountId staff) {
		Account account = load(id);
		if (account.status() != AccountStatus.BLOCKED) {
			throw new ConflictException("account is not blocked");
		}
		account.unblock();
		accounts.update(account);
		events.publishEvent(new AccountUnblocked(id, staff));
	}

	/** Removes a customer's second factor after the administrator checked their identity out of band. */
	@Transactional
	@PreAuthorize("hasRole('ADMIN')")
	public void resetMfa(AccountId id, AccountId staff) {
		multiFactor.disable(id, staff);
		sessions.endAll(id, null);
	}

	/**
	 * Creates a staff account. The password is set by the new staff member through the emailed
	 * reset link, so the administrator never knows it.
	 */
	@Transactional
	@PreAuthorize("hasRole('ADMIN')")
	public AccountId createStaff(EmailAddress email, Set<Role> roles, Locale locale, AccountId admin) {
		return createStaffAccount(email, roles, locale, null, admin, "ADMIN");
	}

	/** For setup and the CLI: no caller to authorise; {@code password} may be null (set by reset link). */
	@Transactional
	public AccountId createStaffAccount(EmailAddress email, Set<Role> roles, Locale locale, @Nullable String password,
			@Nullable AccountId actor, String via) {
		if (accounts.existsByEmail(email)) {
			throw new ConflictException("an account with this email address already exists");
		}
		// Without a password, store the hash of a random one nobody knows; the reset link sets the real one.
		String hash = passwords.hash(password != null ? password : java.util.UUID.randomUUID() + "-" + System.nanoTime());
		Account account = Account.createStaff(AccountId.random(), email, locale, hash, roles, clock.instant());
		accounts.insert(account);
		events.publishEvent(new StaffAccountCreated(account.id(), actor, via,
				String.join(",", roles.stream().map(Role::name).sorted().toList())));
		return account.id();
	}

	public boolean anyAdministrator() {
		return accounts.anyWithRole(Role.ADMIN);
	}

	private Account load(AccountId id) {
		return accounts.findById(id).orElseThrow(() -> new NotFoundException("account"));
	}
}
