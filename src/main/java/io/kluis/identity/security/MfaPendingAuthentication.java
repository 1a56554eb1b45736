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

	private final boolean trustedDevice;

	public MfaPendingAuthentication(AccountId account) {
		this(account, false);
	}

	/** @param trustedDevice the password came with a valid device cookie ({@link DeviceCookies}) */
	public MfaPendingAuthentication(AccountId account, boolean trustedDevice) {
		super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
		this.account = account;
		this.trustedDevice = trustedDevice;
		setAuthenticated(true);
	}

	public AccountId account() {
		return account;
	}

	public boolean trustedDevice() {
		return trustedDevice;
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
