package io.kluis.privacy.rights;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import java.util.Map;
import java.util.UUID;

/** A subject asked for a copy of their data (RIG-1, RIG-5). */
record ExportRequested(UUID export, AccountId subject, AccountId actor) implements Auditable {

	@Override
	public String auditCode() {
		return "privacy.export.requested";
	}

	@Override
	public Map<String, String> auditDetails() {
		return Map.of("export", export.toString());
	}
}
