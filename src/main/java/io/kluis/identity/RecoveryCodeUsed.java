package io.kluis.identity;

import io.kluis.shared.AccountId;
import java.util.Map;

/** A single-use recovery code replaced the TOTP code at login. */
public record RecoveryCodeUsed(AccountId account, int remaining) implements IdentityEvent {

	@Override
	public String auditCode() {
		return "identity.mfa.recovery-code-used";
	}

	@Override
	public Map<String, String> auditDetails() {
		return Map.of("remaining", String.valueOf(remaining));
	}
}
