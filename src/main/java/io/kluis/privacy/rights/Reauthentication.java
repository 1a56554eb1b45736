package io.kluis.privacy.rights;

import io.kluis.privacy.spi.AccountDirectory;
import io.kluis.shared.AccountId;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who is asking (the account id is the principal's name: privacy never imports identity), and the
 * re-authentication a sensitive right needs: the account password and, with MFA on, a current code.
 */
@Component
class Reauthentication {

	private final AccountDirectory directory;

	Reauthentication(AccountDirectory directory) {
		this.directory = directory;
	}

	static AccountId caller(Authentication authentication) {
		return AccountId.parse(authentication.getName());
	}

	boolean confirms(AccountId account, @Nullable String password, @Nullable String code) {
		if (password == null || password.isEmpty() || password.length() > 1024) {
			return false;
		}
		return directory.reauthenticate(account, password, code == null || code.isBlank() ? null : code.strip());
	}
}
