package io.kluis.identity;

import io.kluis.shared.AccountId;
import org.jspecify.annotations.Nullable;

/** A locked account was unlocked, by its owner's link or by staff. */
public record AccountUnlocked(AccountId account, @Nullable AccountId actor) implements IdentityEvent {

	@Override
	public String auditCode() {
		return "identity.account.unlocked";
	}

	@Override
	public @Nullable AccountId actor() {
		return actor;
	}
}
