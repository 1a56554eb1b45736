package io.kluis.newsletter;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An administrator sent a newsletter (CON-3). Audited with the issue id and the counts only, never
 * who received it: the outbox holds each mail under its recipient's key, for its own retention.
 */
record NewsletterSent(UUID issue, AccountId actor, int recipients, int skipped) implements Auditable {

	@Override
	public String auditCode() {
		return "privacy.newsletter.sent";
	}

	@Override
	public @Nullable AccountId subject() {
		return null;
	}

	@Override
	public Map<String, String> auditDetails() {
		return Map.of("issue", issue.toString(), "recipients", Integer.toString(recipients), "skipped",
				Integer.toString(skipped));
	}
}
