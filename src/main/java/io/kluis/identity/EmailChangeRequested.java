package io.kluis.identity;

import io.kluis.shared.AccountId;

/** A new email address awaits verification by the link mailed to it. */
public record EmailChangeRequested(AccountId account) implements IdentityEvent {

	@Override
	public String auditCode() {
		return "identity.email.change-requested";
	}
}
