package io.kluis.identity;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import org.jspecify.annotations.Nullable;

/** The owner proved control of the email address. */
public record AccountVerified(AccountId account) implements Auditable {

	@Override
	public String auditCode() {
		return "identity.account.verified";
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
