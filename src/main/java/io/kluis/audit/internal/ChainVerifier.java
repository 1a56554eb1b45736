package io.kluis.audit.internal;

import io.kluis.audit.ChainVerification;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Walks the chain from its base (genesis or latest retention checkpoint) through a given sequence,
 * page by page so memory stays flat however long the trail is. Runs inside the caller's transaction,
 * which must see one consistent snapshot (see {@link ChainedAuditTrail#verify()}).
 *
 * <p>An entry is broken when its sequence is not the next one (a row was removed), its prev_hash is
 * not the hash of the entry before it (removed or reordered), or its recomputed hash differs from the
 * stored one (altered). The head row must match the last entry, which catches a removed tail.
 */
@Component
class ChainVerifier {

	static final int PAGE = 1000;

	private final AuditEntries entries;

	ChainVerifier(AuditEntries entries) {
		this.entries = entries;
	}

	/** Verifies the whole chain up to the head row. */
	ChainVerification verifyAll() {
		AuditEntries.Position head = entries.head();
		ChainVerification result = verifyThrough(head.sequence(), head.hash());
		if (result.intact() && entries.existsAfter(head.sequence())) {
			return ChainVerification.brokenAt(head.sequence() + 1, result.entriesChecked(), head.hash());
		}
		return result;
	}

	/** Verifies the entries up to {@code through}, which must end in {@code expectedHash}. */
	ChainVerification verifyThrough(long through, String expectedHash) {
		AuditEntries.Position base = entries.base();
		long expected = base.sequence() + 1;
		String previous = base.hash();
		long checked = 0;
		while (expected <= through) {
			var page = entries.links(expected - 1, through, PAGE);
			if (page.isEmpty()) {
				break;
			}
			for (var link : page) {
				checked++;
				if (link.sequence() != expected || !link.prevHash().equals(previous) || !hashHolds(link)) {
					return ChainVerification.brokenAt(expected, checked, expectedHash);
				}
				previous = link.hash();
				expected++;
			}
		}
		if (expected <= through || !previous.equals(expectedHash)) {
			return ChainVerification.brokenAt(Math.min(expected, through), checked, expectedHash);
		}
		return ChainVerification.intact(checked, previous);
	}

	private static boolean hashHolds(AuditEntries.Link link) {
		Map<String, String> details;
		try {
			details = AuditEntries.fromJson(link.detailsJson());
		}
		catch (JacksonException e) {
			return false;
		}
		return ChainHash.of(link.sequence(), link.occurredAt(), link.code(), link.actor(), link.subject(), details,
				link.prevHash()).equals(link.hash());
	}
}
