package io.kluis.identity.security;

import io.kluis.identity.AccountLocked;
import io.kluis.identity.LoginFailed;
import io.kluis.identity.LoginSucceeded;
import io.kluis.identity.account.Account;
import io.kluis.identity.account.AccountStatus;
import io.kluis.identity.account.Accounts;
import io.kluis.identity.account.IdentityMails;
import io.kluis.identity.account.IdentityProperties;
import io.kluis.identity.account.LoginGuard;
import io.kluis.identity.account.OneTimeTokens;
import io.kluis.identity.account.PasswordHashing;
import io.kluis.identity.account.TokenPurpose;
import io.kluis.shared.EmailAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks an email and password, with throttling per account and per source address.
 *
 * <p>Enumeration resistance: unknown email, wrong password, throttled and locked all produce the
 * same {@link Outcome.Refused} with one generic message, and each costs one Argon2 verification,
 * so neither the answer nor its timing tells them apart. Only after a correct password does the
 * caller learn that an account is unverified or blocked.
 */
@Service
public class PasswordLogin {

	private static final Logger log = LoggerFactory.getLogger(PasswordLogin.class);

	/** The result of a password check. */
	public sealed interface Outcome {

		/** Password correct and no second factor: logged in. */
		record Authenticated(Account account) implements Outcome {
		}

		/** Password correct; the TOTP or recovery code step follows. */
		record SecondFactorRequired(Account account, boolean trustedDevice) implements Outcome {

			public SecondFactorRequired(Account account) {
				this(account, false);
			}
		}

		/** Refused; {@code reason} is a code for the audit trail, the user sees one generic message. */
		record Refused(String reason) implements Outcome {
		}

		/** Password correct, but the account cannot log in (yet): safe to tell the user why. */
		record Inactive(AccountStatus status) implements Outcome {
		}
	}

	private final Accounts accounts;

	private final PasswordHashing passwords;

	private final AddressThrottle addressThrottle;

	private final OneTimeTokens tokens;

	private final IdentityMails mails;

	private final IdentityProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final DeviceCookies deviceCookies;

	PasswordLogin(Accounts accounts, PasswordHashing passwords, AddressThrottle addressThrottle, OneTimeTokens tokens,
			IdentityMails mails, IdentityProperties properties, ApplicationEventPublisher events, Clock clock,
			PlatformTransactionManager transactionManager, DeviceCookies deviceCookies) {
		this.deviceCookies = deviceCookies;
		this.transactions = new TransactionTemplate(transactionManager);
		this.accounts = accounts;
		this.passwords = passwords;
		this.addressThrottle = addressThrottle;
		this.tokens = tokens;
		this.mails = mails;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Checks one attempt. Not one transaction: the Argon2 verification (tens of milliseconds, 19 MiB)
	 * runs without holding a database connection or a row lock, and what the attempt changes is
	 * written afterwards in short transactions of their own, so a burst of attempts neither exhausts
	 * the connection pool nor collides on the account row.
	 */
	public Outcome attempt(String emailText, String password, String sourceAddress) {
		return attempt(emailText, password, sourceAddress, null);
	}

	/**
	 * @param deviceCookie the browser's device cookie ({@link DeviceCookies}), if it sent one: a
	 *     device that proved itself for this account is not refused because of others' guesses
	 *     from its address or at the account; its own wrong passwords count against the device
	 */
	public Outcome attempt(String emailText, String password, String sourceAddress, @Nullable String deviceCookie) {
		Instant now = clock.instant();
		boolean addressAllowed = addressThrottle.allows(sourceAddress);
		if (!addressAllowed && deviceCookie == null) {
			return refuse(null, password, "address-throttled", sourceAddress);
		}
		if (!EmailAddress.isValid(emailText) || password.length() > 1024) {
			return refuse(null, password, "malformed", sourceAddress);
		}
		Optional<Account> found = accounts.findByEmail(EmailAddress.of(emailText));
		if (found.isEmpty()) {
			return refuse(null, password, addressAllowed ? "unknown-account" : "address-throttled", sourceAddress);
		}
		Account account = found.get();
		var device = deviceCookies.verify(deviceCookie, account).filter(d -> addressThrottle.allows(d.throttleKey()));
		if (!addressAllowed && device.isEmpty()) {
			return refuse(account, password, "address-throttled", sourceAddress);
		}
		if (device.isEmpty() && !account.guard().allowsAttemptAt(now)) {
			// Refused unchecked: not a guess, so it does not lengthen the account's delay (the address counts it).
			return refuse(account, password, account.guard().isLocked() ? "locked" : "throttled", sourceAddress);
		}
		if (!passwords.matches(password, account.passwordHash())) {
			// A trusted device's guesses count against the device, not against its network address.
			addressThrottle.recordFailure(device.isPresent() ? device.get().throttleKey() : sourceAddress);
			return inTransaction(() -> {
				recordFailure(account, now);
				events.publishEvent(new LoginFailed(account.id(), "bad-password"));
				return new Outcome.Refused("bad-password");
			});
		}
		if (account.status() != AccountStatus.ACTIVE) {
			return inTransaction(() -> {
				events.publishEvent(new LoginFailed(account.id(), "status-" + account.status().name().toLowerCase()));
				return new Outcome.Inactive(account.status());
			});
		}
		String rehashed = passwords.needsRehash(account.passwordHash()) ? passwords.hash(password) : null;
		return inTransaction(() -> {
			if (!account.hasMfa() && (account.guard().failures() > 0 || account.guard().throttledUntil() != null)) {
				// With a second factor the login is not complete yet: failures are forgiven only after
				// the code (SecondFactorLogin), or each new password step would reset the code guesses.
				accounts.recordLoginSuccess(account);
			}
			if (rehashed != null) {
				account.upgradePasswordHash(rehashed);
				accounts.update(account);
				log.info("event=identity.password.rehashed account={}", account.id());
			}
			if (account.hasMfa()) {
				return new Outcome.SecondFactorRequired(account, device.isPresent());
			}
			events.publishEvent(new LoginSucceeded(account.id(), "password"));
			return new Outcome.Authenticated(account);
		});
	}

	private Outcome inTransaction(java.util.function.Supplier<Outcome> work) {
		return transactions.execute(status -> work.get());
	}

	/**
	 * Records a failed factor for an account (wrong password or wrong second-factor code): growing
	 * delays, and a lock with an unlock link mailed to the owner when the limit is reached.
	 */
	void recordFailure(Account account, Instant now) {
		boolean lockedNow = accounts.recordLoginFailure(account, now, LoginGuard.Policy.DEFAULT);
		if (lockedNow) {
			String token = tokens.issue(account.id(), TokenPurpose.UNLOCK, properties.unlockLinkValidity(), null);
			mails.unlock(account, token);
			events.publishEvent(new AccountLocked(account.id()));
			log.warn("event=identity.account.locked account={}", account.id());
		}
	}

	private Outcome refuse(@Nullable Account account, String password, String reason, String sourceAddress) {
		passwords.spendVerificationTime(password);
		addressThrottle.recordFailure(sourceAddress);
		return inTransaction(() -> {
			events.publishEvent(new LoginFailed(account == null ? null : account.id(), reason));
			return new Outcome.Refused(reason);
		});
	}
}
