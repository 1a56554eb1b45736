package io.kluis.privacy.rights;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import java.util.Map;
import java.util.UUID;

/** A ready export was downloaded, in the panel or over the API. */
record ExportDownloaded(UUID export, AccountId subject, AccountId actor, String channel) implements Auditable {

	@Override
	public String auditCode() {
		return "privacy.export.downloaded";
	}

	@Override
	public Map<String, String> auditDetails() {
		return Map.of("export", export.toString(), "channel", channel);
	}
}
