package io.kluis.identity;

import io.kluis.shared.AccountId;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An app password was revoked. */
public record AppPasswordRevoked(AccountId account, AccountId actor, UUID appPassword) implements IdentityEvent {

	@Override
	public String auditCode() {
		return "identity.app-password.revoked";
	}

	@Override
	public @Nullable AccountId actor() {
		return actor;
	}

	@Override
	public Map<String, String> auditDetails() {
		return Map.of("appPassword", appPassword.toString());
	}
}
