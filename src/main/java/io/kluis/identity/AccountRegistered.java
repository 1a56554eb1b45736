package io.kluis.identity;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import org.jspecify.annotations.Nullable;

/** A customer registered; the account waits for email verification. */
public record AccountRegistered(AccountId account) implements Auditable {

	@Override
	public String auditCode() {
		return "identity.account.registered";
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
