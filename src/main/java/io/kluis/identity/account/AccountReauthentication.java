package io.kluis.identity.account;

import io.kluis.shared.AccountId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Re-authentication before a sensitive change (the panel's password field, the API's
 * {@code X-Kluis-Password} and {@code X-Kluis-OTP} headers): the account password and, when a second
 * factor is on, a current code or a recovery code. Failures count against the account's login
 * limits, so a stolen session or app password cannot be used to guess the password.
 */
@Service
public class AccountReauthentication {

	/** Request header carrying the account password. */
	public static final String PASSWORD_HEADER = "X-Kluis-Password";

	/** Request header carrying the current TOTP code or a recovery code. */
	public static final String CODE_HEADER = "X-Kluis-OTP";

	private final Accounts accounts;

	private final PasswordManagement passwords;

	private final MultiFactor multiFactor;

	AccountReauthentication(Accounts accounts, PasswordManagement passwords, MultiFactor multiFactor) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.multiFactor = multiFactor;
	}

	@Transactional
	public boolean confirms(AccountId id, @Nullable String password, @Nullable String secondFactorCode) {
		if (password == null || password.isEmpty() || password.length() > 1024 || !passwords.verify(id, password)) {
			return false;
		}
		var account = accounts.findById(id);
		if (account.isEmpty() || !account.get().hasMfa()) {
			return account.isPresent();
		}
		if (secondFactorCode != null && !secondFactorCode.isBlank() && secondFactorCode.length() <= 64
				&& multiFactor.verify(id, secondFactorCode.strip()).isPresent()) {
			return true;
		}
		passwords.recordFailedFactor(id);
		return false;
	}
}
