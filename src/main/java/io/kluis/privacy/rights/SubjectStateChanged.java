package io.kluis.privacy.rights;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import java.util.Map;

/**
 * A restriction (RIG-4) or objection (RIG-6) was set or lifted, by the subject or by staff; the
 * audit trail records who did it.
 */
record SubjectStateChanged(AccountId subject, AccountId actor, Change change) implements Auditable {

	enum Change {
		RESTRICTED("privacy.restriction.set"), RESTRICTION_LIFTED("privacy.restriction.lifted"),
		OBJECTED("privacy.objection.recorded"), OBJECTION_WITHDRAWN("privacy.objection.withdrawn");

		private final String code;

		Change(String code) {
			this.code = code;
		}
	}

	@Override
	public String auditCode() {
		return change.code;
	}

	@Override
	public Map<String, String> auditDetails() {
		return Map.of("by", subject.equals(actor) ? "subject" : "staff");
	}
}
