package io.kluis.identity;

import io.kluis.shared.AccountId;
import org.jspecify.annotations.Nullable;

/** Someone registered with the email of an existing account; its owner was told by mail. The response was the same as for a new registration. */
public record RegistrationForKnownEmail(AccountId account) implements IdentityEvent {

	@Override
	public String auditCode() {
		return "identity.registration.known-email";
	}

	@Override
	public @Nullable AccountId actor() {
		return null;
	}
}
