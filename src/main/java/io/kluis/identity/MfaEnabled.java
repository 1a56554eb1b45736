package io.kluis.identity;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import org.jspecify.annotations.Nullable;

/** TOTP was confirmed and recovery codes issued. */
public record MfaEnabled(AccountId account) implements Auditable {

	@Override
	public String auditCode() {
		return "identity.mfa.enabled";
	}

	@Override
	public @Nullable AccountId subject() {
		return account;
	}

	@Override
	public @Nullable AccountId actor() {
		return account;
	}
}
