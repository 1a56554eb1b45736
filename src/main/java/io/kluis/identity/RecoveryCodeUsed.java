package io.kluis.identity;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A single-use recovery code replaced the TOTP code at login. */
public record RecoveryCodeUsed(AccountId account, int remaining) implements Auditable {

	@Override
	public String auditCode() {
		return "identity.mfa.recovery-code-used";
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
		return Map.of("remaining", String.valueOf(remaining));
	}
}
