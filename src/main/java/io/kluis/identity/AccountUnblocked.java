package io.kluis.identity;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import org.jspecify.annotations.Nullable;

/** Staff lifted a block. */
public record AccountUnblocked(AccountId account, AccountId actor) implements Auditable {

	@Override
	public String auditCode() {
		return "identity.account.unblocked";
	}

	@Override
	public @Nullable AccountId subject() {
		return account;
	}

	@Override
	public @Nullable AccountId actor() {
		return actor;
	}
}
