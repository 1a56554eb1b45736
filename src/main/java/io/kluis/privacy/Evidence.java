package io.kluis.privacy;

import io.kluis.shared.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Proof that deletion happened (RET-6): every erasure and retention run leaves a record of which
 * categories and how many items were removed or kept, never the data itself.
 */
public interface Evidence {

	enum Kind {
		ERASURE, RETENTION
	}

	/** One record. {@code subject} is the erased account's id (pseudonymous once the account is gone). */
	record Entry(UUID id, Kind kind, @Nullable AccountId subject, Instant occurredAt, Instant asOf, boolean dryRun,
			Map<String, Integer> removed, Map<String, Integer> kept) {
	}

	Entry record(Kind kind, @Nullable AccountId subject, Instant asOf, boolean dryRun, Map<String, Integer> removed,
			Map<String, Integer> kept);

	/** Newest first. */
	List<Entry> recent(int limit);

	List<Entry> about(AccountId subject);
}
