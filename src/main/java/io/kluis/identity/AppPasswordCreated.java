package io.kluis.identity;

import io.kluis.shared.AccountId;
import java.util.Map;
import java.util.UUID;

/** An app password was created for WebDAV or API clients. */
public record AppPasswordCreated(AccountId account, UUID appPassword) implements IdentityEvent {

	@Override
	public String auditCode() {
		return "identity.app-password.created";
	}

	@Override
	public Map<String, String> auditDetails() {
		return Map.of("appPassword", appPassword.toString());
	}
}
