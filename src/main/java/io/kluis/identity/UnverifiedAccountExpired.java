package io.kluis.identity;

import io.kluis.shared.AccountId;
import org.jspecify.annotations.Nullable;

/** An unverified registration passed its verification period and was deleted. */
public record UnverifiedAccountExpired(AccountId account) implements IdentityEvent {

	@Override
	public String auditCode() {
		return "identity.account.unverified-expired";
	}

	@Override
	public @Nullable AccountId actor() {
		return null;
	}
}
