package io.kluis.identity.account;

import io.kluis.identity.AccountUnlocked;
import io.kluis.identity.PasswordChanged;
import io.kluis.identity.PasswordResetRequested;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import io.kluis.shared.web.NotFoundException;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changing, resetting and unlocking: everything that replaces a password or lifts a lock.
 *
 * <p>A reset request answers the same whether or not the address is known (the mail goes only to a
 * known address); a completed reset ends every session and app password, because whoever knew the
 * old password may be logged in somewhere.
 */
@Service
public class PasswordManagement {

	private final Accounts accounts;

	private final PasswordHashing passwords;

	private final PasswordRules rules;

	private final OneTimeTokens tokens;

	private final AccountSessions sessions;

	private final AppPasswords appPasswords;

	private final IdentityMails mails;

	private final IdentityProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PasswordManagement(Accounts accounts, PasswordHashing passwords, PasswordRules rules, OneTimeTokens tokens,
			AccountSessions sessions, AppPasswords appPasswords, IdentityMails mails, IdentityProperties properties,
			ApplicationEventPublisher events, Clock clock) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.rules = rules;
		this.tokens = tokens;
		this.sessions = sessions;
		this.appPasswords = appPasswords;
		this.mails = mails;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	/** Mails a reset link to a known, active or locked account; does nothing visible otherwise. */
	@Transactional
	public void requestReset(String emailText) {
		if (!EmailAddress.isValid(emailText)) {
			return;
		}
		accounts.findByEmail(EmailAddress.of(emailText))
			.filter(a -> a.status() == AccountStatus.ACTIVE)
			.ifPresent(account -> {
				tokens.revokeAll(account.id(), TokenPurpose.RESET_PASSWORD);
				String token = tokens.issue(account.id(), TokenPurpose.RESET_PASSWORD, properties.resetLinkValidity(), null);
				mails.resetPassword(account, token);
				events.publishEvent(new PasswordResetRequested(account.id()));
			});
	}

	public boolean isResetLinkValid(String token) {
		return tokens.isValid(TokenPurpose.RESET_PASSWORD, token);
	}

	/**
	 * Sets a new password from a reset link. The link works once; the lock is lifted (the owner
	 * proved control of the mailbox) and every session and app password ends.
	 * @throws RegistrationRefused when the new password breaks a rule (the link stays usable)
	 * @throws NotFoundException when the link is invalid, used or expired
	 */
	@Transactional
	public void completeReset(String token, String newPassword) {
		AccountId id = tokens.peek(TokenPurpose.RESET_PASSWORD, token)
			.orElseThrow(() -> new NotFoundException("reset link"));
		Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("reset link"));
		// The rules are checked before the link is used up, so a rejected password can be retried.
		check(account, newPassword);
		if (tokens.redeem(TokenPurpose.RESET_PASSWORD, token).isEmpty()) {
			throw new NotFoundException("reset link");
		}
		account.changePassword(passwords.hash(newPassword), clock.instant());
		accounts.update(account);
		accounts.unlock(account);
		sessions.endAll(id, null);
		appPasswords.revokeAll(id, id);
		mails.passwordChanged(account);
		events.publishEvent(new PasswordChanged(id, "RESET"));
	}

	/**
	 * Changes the password of a logged-in user who knows the current one; other sessions end.
	 * @return false when the current password is wrong
	 */
	@Transactional
	public boolean change(AccountId id, String currentPassword, String newPassword, @Nullable String keepSession) {
		Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("account"));
		if (!passwords.matches(currentPassword, account.passwordHash())) {
			return false;
		}
		check(account, newPassword);
		account.changePassword(passwords.hash(newPassword), clock.instant());
		accounts.update(account);
		sessions.endAll(id, keepSession);
		mails.passwordChanged(account);
		events.publishEvent(new PasswordChanged(id, "SELF"));
		return true;
	}

	/**
	 * Re-authentication for sensitive changes: whether the password is the account's current one.
	 * Failures count against the same limit as failed logins, so a stolen session or app password
	 * cannot be used to guess the account password.
	 */
	@Transactional
	public boolean verify(AccountId id, String password) {
		Account account = accounts.findById(id).orElse(null);
		if (account == null || !account.guard().allowsAttemptAt(clock.instant())) {
			return false;
		}
		if (passwords.matches(password, account.passwordHash())) {
			return true;
		}
		accounts.recordLoginFailure(account, clock.instant(), LoginGuard.Policy.DEFAULT);
		return false;
	}

	/** Counts a failed second factor during re-authentication against the account's login limits. */
	@Transactional
	public void recordFailedFactor(AccountId id) {
		accounts.findById(id)
			.ifPresent(account -> accounts.recordLoginFailure(account, clock.instant(), LoginGuard.Policy.DEFAULT));
	}

	/** Lifts a lock from the link mailed when it was set; false when the link does not work. */
	@Transactional
	public boolean unlock(String token) {
		var redeemed = tokens.redeem(TokenPurpose.UNLOCK, token);
		if (redeemed.isEmpty() || redeemed.get().account() == null) {
			return false;
		}
		var account = accounts.findById(redeemed.get().account());
		account.ifPresent(a -> {
			accounts.unlock(a);
			events.publishEvent(new AccountUnlocked(a.id(), a.id()));
		});
		return account.isPresent();
	}

	/** Staff lifting a lock (after checking the owner's identity out of band). */
	@Transactional
	public void unlockByStaff(AccountId id, AccountId staff) {
		Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("account"));
		accounts.unlock(account);
		events.publishEvent(new AccountUnlocked(id, staff));
	}

	private void check(Account account, String newPassword) {
		var personal = account.personal();
		List<RegistrationRefused.Violation> violations = rules.check(newPassword, account.hasMfa(),
				io.kluis.identity.credentials.PasswordContext.forAccount(account.hasMfa(), account.email().value(),
						personal == null ? null : personal.firstName(), personal == null ? null : personal.lastName())
					.personalWords());
		if (!violations.isEmpty()) {
			throw new RegistrationRefused(violations);
		}
	}
}
