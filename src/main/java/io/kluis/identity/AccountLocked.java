package io.kluis.identity;

import io.kluis.shared.AccountId;
import org.jspecify.annotations.Nullable;

/** Too many failed logins locked the account; the owner was mailed an unlock link. */
public record AccountLocked(AccountId account) implements IdentityEvent {

	@Override
	public String auditCode() {
		return "identity.account.locked";
	}

	@Override
	public @Nullable AccountId actor() {
		return null;
	}
}
