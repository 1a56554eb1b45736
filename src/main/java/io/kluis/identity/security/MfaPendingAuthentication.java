package io.kluis.identity.security;

import io.kluis.shared.AccountId;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The state between a correct password and the second factor: it grants nothing but the right to
 * submit a TOTP or recovery code ({@value #AUTHORITY}).
 */
public class MfaPendingAuthentication extends AbstractAuthenticationToken {

	public static final String AUTHORITY = "MFA_PENDING";

	private final AccountId account;

	public MfaPendingAuthentication(AccountId account) {
		super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
		this.account = account;
		setAuthenticated(true);
	}

	public AccountId account() {
		return account;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return account;
	}

	@Override
	public String getName() {
		return account.toString();
	}
}
