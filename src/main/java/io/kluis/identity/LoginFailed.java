package io.kluis.identity;

import io.kluis.shared.AccountId;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A login attempt failed. {@code account} is null when the email is unknown; {@code reason} is a code, never the attempted email. */
public record LoginFailed(@Nullable AccountId account, String reason) implements IdentityEvent {

	@Override
	public String auditCode() {
		return "identity.login.failed";
	}

	@Override
	public Map<String, String> auditDetails() {
		return Map.of("reason", reason);
	}
}
