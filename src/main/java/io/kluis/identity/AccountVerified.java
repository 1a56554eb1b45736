package io.kluis.identity;

import io.kluis.shared.AccountId;

/** The owner proved control of the email address. */
public record AccountVerified(AccountId account) implements IdentityEvent {

	@Override
	public String auditCode() {
		return "identity.account.verified";
	}
}
