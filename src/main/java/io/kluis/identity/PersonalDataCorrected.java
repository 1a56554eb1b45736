package io.kluis.identity;

import io.kluis.shared.AccountId;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Personal data was corrected (RIG-2); {@code fields} names the changed fields, never their values. */
public record PersonalDataCorrected(AccountId account, AccountId actor, String fields) implements IdentityEvent {

	@Override
	public String auditCode() {
		return "identity.personal-data.corrected";
	}

	@Override
	public @Nullable AccountId actor() {
		return actor;
	}

	@Override
	public Map<String, String> auditDetails() {
		return Map.of("fields", fields);
	}
}
