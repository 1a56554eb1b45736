package io.kluis.privacy.disclosures;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A disclosure was recorded (SHR-1, SHR-6), for the audit trail: the customer is the subject, the
 * staff member who recorded it (or the system, for a module's own hand-off) the actor. The details are
 * register ids only; the legal ground and the reference stay in the ledger.
 */
record DisclosureRecorded(String disclosure, AccountId subject, @Nullable AccountId actor, String recipient,
		String recipientRole, String categories, String purpose, String legalBasis) implements Auditable {

	@Override
	public String auditCode() {
		return "privacy.disclosure.recorded";
	}

	@Override
	public Map<String, String> auditDetails() {
		var details = new LinkedHashMap<String, String>();
		details.put("disclosure", disclosure);
		details.put("recipient", recipient);
		details.put("recipientRole", recipientRole);
		details.put("categories", categories);
		details.put("purpose", purpose);
		details.put("legalBasis", legalBasis);
		return details;
	}
}
