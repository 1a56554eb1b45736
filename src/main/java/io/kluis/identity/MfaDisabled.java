package io.kluis.identity;

import io.kluis.shared.AccountId;
import org.jspecify.annotations.Nullable;

/** The second factor was removed, by the owner or by an administrator after out-of-band checks. */
public record MfaDisabled(AccountId account, AccountId actor) implements IdentityEvent {

	@Override
	public String auditCode() {
		return "identity.mfa.disabled";
	}

	@Override
	public @Nullable AccountId actor() {
		return actor;
	}
}
