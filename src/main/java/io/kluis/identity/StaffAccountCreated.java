package io.kluis.identity;

import io.kluis.shared.AccountId;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A staff account was created; {@code via} is SETUP, CLI or ADMIN, {@code actor} null for SETUP and CLI. */
public record StaffAccountCreated(AccountId account, @Nullable AccountId actor, String via, String roles) implements IdentityEvent {

	@Override
	public String auditCode() {
		return "identity.staff.created";
	}

	@Override
	public @Nullable AccountId actor() {
		return actor;
	}

	@Override
	public Map<String, String> auditDetails() {
		return Map.of("via", via, "roles", roles);
	}
}
