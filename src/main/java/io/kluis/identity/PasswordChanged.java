package io.kluis.identity;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The password changed; {@code via} is SELF, RESET or SETUP. */
public record PasswordChanged(AccountId account, String via) implements Auditable {

	@Override
	public String auditCode() {
		return "identity.password.changed";
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
		return Map.of("via", via);
	}
}
