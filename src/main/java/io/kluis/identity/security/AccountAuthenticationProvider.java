package io.kluis.identity.security;

import io.kluis.identity.account.AccountStatus;
import io.kluis.shared.web.BusyException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * The web login form's password step. A correct password yields either the full authentication or,
 * with MFA on, a {@link MfaPendingAuthentication} that only opens the second-factor page.
 */
@Component
class AccountAuthenticationProvider implements AuthenticationProvider {

	static final String INACTIVE_PREFIX = "inactive:";

	private final PasswordLogin login;

	AccountAuthenticationProvider(PasswordLogin login) {
		this.login = login;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String email = String.valueOf(authentication.getPrincipal());
		String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
		String address = authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null ? details.getRemoteAddress() : "unknown";
		String deviceCookie = authentication.getDetails() instanceof LoginDetails details ? details.deviceCookie() : null;
		PasswordLogin.Outcome outcome;
		try {
			outcome = login.attempt(email, password, address, deviceCookie);
		}
		catch (BusyException busy) {
			throw new AuthenticationServiceException("busy", busy);
		}
		if (outcome instanceof PasswordLogin.Outcome.Authenticated a) {
			return Authentications.full(a.account());
		}
		if (outcome instanceof PasswordLogin.Outcome.SecondFactorRequired s) {
			return new MfaPendingAuthentication(s.account().id(), s.trustedDevice());
		}
		if (outcome instanceof PasswordLogin.Outcome.Inactive i) {
			throw new DisabledException(INACTIVE_PREFIX + i.status().name());
		}
		throw new BadCredentialsException("login refused");
	}

	static boolean isUnverified(AuthenticationException e) {
		return e instanceof DisabledException && (INACTIVE_PREFIX + AccountStatus.UNVERIFIED.name()).equals(e.getMessage());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}
}
