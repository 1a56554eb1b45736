package io.kluis.identity;

import io.kluis.shared.AccountId;
import java.util.Map;

/** A login completed (all factors). */
public record LoginSucceeded(AccountId account, String method) implements IdentityEvent {

	@Override
	public String auditCode() {
		return "identity.login.succeeded";
	}

	@Override
	public Map<String, String> auditDetails() {
		return Map.of("method", method);
	}
}
