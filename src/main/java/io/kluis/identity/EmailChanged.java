package io.kluis.identity;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import org.jspecify.annotations.Nullable;

/** The new email address was verified and is now the login name. */
public record EmailChanged(AccountId account) implements Auditable {

	@Override
	public String auditCode() {
		return "identity.email.changed";
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
