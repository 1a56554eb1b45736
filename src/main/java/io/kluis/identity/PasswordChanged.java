package io.kluis.identity;

import io.kluis.shared.AccountId;
import java.util.Map;

/** The password changed; {@code via} is SELF, RESET or SETUP. */
public record PasswordChanged(AccountId account, String via) implements IdentityEvent {

	@Override
	public String auditCode() {
		return "identity.password.changed";
	}

	@Override
	public Map<String, String> auditDetails() {
		return Map.of("via", via);
	}
}
