package io.kluis.identity;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A login completed (all factors). */
public record LoginSucceeded(AccountId account, String method) implements Auditable {

	@Override
	public String auditCode() {
		return "identity.login.succeeded";
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
		return Map.of("method", method);
	}
}
