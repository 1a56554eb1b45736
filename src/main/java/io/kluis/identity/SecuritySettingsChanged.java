package io.kluis.identity;

import io.kluis.shared.AccountId;
import java.util.Map;

/** An administrator changed who must use a second factor. */
public record SecuritySettingsChanged(AccountId account, boolean mfaRequiredForStaff, boolean mfaRequiredForCustomers)
		implements IdentityEvent {

	@Override
	public String auditCode() {
		return "identity.settings.changed";
	}

	@Override
	public Map<String, String> auditDetails() {
		return Map.of("mfaRequiredForStaff", String.valueOf(mfaRequiredForStaff), "mfaRequiredForCustomers",
				String.valueOf(mfaRequiredForCustomers));
	}
}
