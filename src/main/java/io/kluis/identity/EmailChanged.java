package io.kluis.identity;

import io.kluis.shared.AccountId;

/** The new email address was verified and is now the login name. */
public record EmailChanged(AccountId account) implements IdentityEvent {

	@Override
	public String auditCode() {
		return "identity.email.changed";
	}
}
