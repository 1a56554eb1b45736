package io.kluis.identity;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import org.jspecify.annotations.Nullable;

/** A new email address awaits verification by the link mailed to it. */
public record EmailChangeRequested(AccountId account) implements Auditable {

	@Override
	public String auditCode() {
		return "identity.email.change-requested";
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
