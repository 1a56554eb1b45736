package io.kluis.identity;

import io.kluis.shared.AccountId;
import org.jspecify.annotations.Nullable;

/** Staff lifted a block. */
public record AccountUnblocked(AccountId account, AccountId actor) implements IdentityEvent {

	@Override
	public String auditCode() {
		return "identity.account.unblocked";
	}

	@Override
	public @Nullable AccountId actor() {
		return actor;
	}
}
