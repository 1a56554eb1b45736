package io.kluis.identity.security;

import io.kluis.identity.account.Account;
import io.kluis.identity.account.AccountStatus;
import io.kluis.identity.account.Accounts;
import io.kluis.identity.account.AppPasswords;
import io.kluis.shared.EmailAddress;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic for API and WebDAV clients: the account's email as user name and an app password.
 * The account password is never accepted here, so a second factor cannot be bypassed by a client
 * that only asks for a password.
 */
@Component
class AppPasswordAuthenticationProvider implements AuthenticationProvider {

	private final AppPasswords appPasswords;

	private final Accounts accounts;

	private final AddressThrottle addressThrottle;

	AppPasswordAuthenticationProvider(AppPasswords appPasswords, Accounts accounts, AddressThrottle addressThrottle) {
		this.appPasswords = appPasswords;
		this.accounts = accounts;
		this.addressThrottle = addressThrottle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String user = String.valueOf(authentication.getPrincipal());
		String secret = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
		String address = authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null ? details.getRemoteAddress() : "unknown";
		if (!addressThrottle.allows(address)) {
			throw new BadCredentialsException("refused");
		}
		Account account = EmailAddress.isValid(user) ? accounts.findByEmail(EmailAddress.of(user))
			.filter(a -> a.status() == AccountStatus.ACTIVE)
			.filter(a -> appPasswords.authenticate(a.id(), secret))
			.orElse(null) : null;
		if (account == null) {
			addressThrottle.recordFailure(address);
			throw new BadCredentialsException("refused");
		}
		return Authentications.full(account);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}
}
