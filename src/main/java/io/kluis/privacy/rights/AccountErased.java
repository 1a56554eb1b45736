package io.kluis.privacy.rights;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import java.util.Map;
import java.util.UUID;

/**
 * An account was closed and its data erased (RIG-3, RET-5); the evidence record holds the counts
 * per category (RET-6). Published once, when the closure is complete.
 */
record AccountErased(AccountId subject, AccountId actor, UUID evidence, int removed, int kept) implements Auditable {

	@Override
	public String auditCode() {
		return "privacy.account.erased";
	}

	@Override
	public Map<String, String> auditDetails() {
		return Map.of("evidence", evidence.toString(), "removed", Integer.toString(removed), "kept",
				Integer.toString(kept));
	}
}
