package io.kluis.shared;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Marks a domain event that the audit trail records. Implementations are past-tense records
 * ({@code AccountRegistered}, {@code LoginFailed}). What they expose here must never be personal
 * data: ids and stable codes only, because the audit trail is kept longer than most personal data.
 */
public interface Auditable {

	/** Stable event code, e.g. {@code identity.login.failed}; never changes once released. */
	String auditCode();

	/** The account the event is about, if any. */
	@Nullable AccountId subject();

	/** Who caused it: the subject itself, a staff member, or {@code null} for the system. */
	@Nullable AccountId actor();

	/** Extra non-personal details (reasons as codes, counts, ids). Empty by default. */
	default Map<String, String> auditDetails() {
		return Map.of();
	}
}
