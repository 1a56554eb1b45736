package io.kluis.identity.security;

import io.kluis.identity.LoginFailed;
import io.kluis.identity.LoginSucceeded;
import io.kluis.identity.account.Account;
import io.kluis.identity.account.AccountStatus;
import io.kluis.identity.account.Accounts;
import io.kluis.identity.account.MultiFactor;
import io.kluis.shared.AccountId;
import java.time.Clock;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The second login step: a TOTP or recovery code after a correct password. Wrong codes count
 * against the same per-account limit as wrong passwords, so the six-digit space cannot be
 * brute-forced within one session.
 */
@Service
public class SecondFactorLogin {

	private final Accounts accounts;

	private final MultiFactor multiFactor;

	private final PasswordLogin passwordLogin;

	private final AddressThrottle addressThrottle;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SecondFactorLogin(Accounts accounts, MultiFactor multiFactor, PasswordLogin passwordLogin,
			AddressThrottle addressThrottle, ApplicationEventPublisher events, Clock clock) {
		this.accounts = accounts;
		this.multiFactor = multiFactor;
		this.passwordLogin = passwordLogin;
		this.addressThrottle = addressThrottle;
		this.events = events;
		this.clock = clock;
	}

	/** The account, when the code completes its login; empty otherwise. */
	@Transactional
	public Optional<Account> complete(AccountId id, String code, String sourceAddress) {
		return complete(id, code, sourceAddress, false);
	}

	/**
	 * @param trustedDevice the password step came with a valid device cookie: the account's delay or
	 *     lock (others' guesses) does not stop it; wrong codes still count
	 */
	@Transactional
	public Optional<Account> complete(AccountId id, String code, String sourceAddress, boolean trustedDevice) {
		Account account = accounts.findById(id).orElse(null);
		if (account == null || account.status() != AccountStatus.ACTIVE
				|| (!trustedDevice && !account.guard().allowsAttemptAt(clock.instant()))) {
			events.publishEvent(new LoginFailed(id, "second-factor-refused"));
			return Optional.empty();
		}
		Optional<String> method = code.length() > 64 ? Optional.empty() : multiFactor.verify(id, code);
		Account current = accounts.findById(id).orElseThrow();
		if (method.isEmpty()) {
			passwordLogin.recordFailure(current, clock.instant());
			addressThrottle.recordFailure(sourceAddress);
			events.publishEvent(new LoginFailed(id, "bad-second-factor"));
			return Optional.empty();
		}
		accounts.recordLoginSuccess(current);
		events.publishEvent(new LoginSucceeded(id, method.get()));
		return Optional.of(accounts.findById(id).orElseThrow());
	}
}
