package io.kluis.identity;

import io.kluis.shared.AccountId;
import org.jspecify.annotations.Nullable;

/** A session was ended remotely from the sessions page. */
public record SessionRevoked(AccountId account, AccountId actor) implements IdentityEvent {

	@Override
	public String auditCode() {
		return "identity.session.revoked";
	}

	@Override
	public @Nullable AccountId actor() {
		return actor;
	}
}
