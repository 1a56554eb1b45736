package io.kluis.identity;

import io.kluis.shared.AccountId;
import org.jspecify.annotations.Nullable;

/** A reset link was mailed to the owner of a known address. */
public record PasswordResetRequested(AccountId account) implements IdentityEvent {

	@Override
	public String auditCode() {
		return "identity.password.reset-requested";
	}

	@Override
	public @Nullable AccountId actor() {
		return null;
	}
}
