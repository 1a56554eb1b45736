package io.kluis.identity;

import io.kluis.shared.AccountId;

/** A customer registered; the account waits for email verification. */
public record AccountRegistered(AccountId account) implements IdentityEvent {

	@Override
	public String auditCode() {
		return "identity.account.registered";
	}
}
