package io.kluis.identity;

import io.kluis.shared.AccountId;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Staff blocked the account; {@code reason} is a code. */
public record AccountBlocked(AccountId account, AccountId actor, String reason) implements IdentityEvent {

	@Override
	public String auditCode() {
		return "identity.account.blocked";
	}

	@Override
	public @Nullable AccountId actor() {
		return actor;
	}

	@Override
	public Map<String, String> auditDetails() {
		return Map.of("reason", reason);
	}
}
