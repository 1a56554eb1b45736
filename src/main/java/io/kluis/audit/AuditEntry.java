package io.kluis.audit;

import io.kluis.shared.AccountId;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One link of the audit chain. Holds ids and stable codes only, never personal data: the trail is
 * kept longer than most personal data, so what it stores must not need erasing.
 *
 * @param sequence position in the chain, starting at 1, without gaps
 * @param occurredAt when it was recorded (microsecond precision, the resolution both databases keep)
 * @param code stable event code such as {@code identity.login.failed}
 * @param actor who caused it, or {@code null} for the system
 * @param subject whose data or account it is about, if anyone's
 * @param details non-personal details (reason codes, counts, ids), keys in canonical (sorted) order
 * @param hash SHA-256 over this entry and the previous entry's hash, lower-case hex
 */
public record AuditEntry(long sequence, Instant occurredAt, String code, @Nullable AccountId actor,
		@Nullable AccountId subject, Map<String, String> details, String hash) {

	public AuditEntry {
		details = Collections.unmodifiableSortedMap(new TreeMap<>(details));
	}
}
