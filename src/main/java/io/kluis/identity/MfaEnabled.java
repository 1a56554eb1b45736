package io.kluis.identity;

import io.kluis.shared.AccountId;

/** TOTP was confirmed and recovery codes issued. */
public record MfaEnabled(AccountId account) implements IdentityEvent {

	@Override
	public String auditCode() {
		return "identity.mfa.enabled";
	}
}
