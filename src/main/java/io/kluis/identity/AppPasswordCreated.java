package io.kluis.identity;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An app password was created for WebDAV or API clients. */
public record AppPasswordCreated(AccountId account, UUID appPassword) implements Auditable {

	@Override
	public String auditCode() {
		return "identity.app-password.created";
	}

	@Override
	public @Nullable AccountId subject() {
		return account;
	}

	@Override
	public @Nullable AccountId actor() {
		return account;
	}

	@Override
	public Map<String, String> auditDetails() {
		return Map.of("appPassword", appPassword.toString());
	}
}
