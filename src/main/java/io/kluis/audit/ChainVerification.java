package io.kluis.audit;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of walking the audit chain from its base (the genesis, or the retention checkpoint)
 * to its head.
 *
 * @param intact every entry follows its predecessor, none is missing, none was altered
 * @param entriesChecked how many entries were read and compared before the walk ended
 * @param firstBrokenSequence the first position at which the chain does not hold (an altered entry,
 *        an entry that does not link to its predecessor, or a missing one), or {@code null} when intact
 * @param headHash the hash at the head of the chain; compare it with the {@code event=audit.anchor}
 *        lines shipped off-host to detect a chain rewritten from some point onward
 */
public record ChainVerification(boolean intact, long entriesChecked, @Nullable Long firstBrokenSequence,
		String headHash) {

	public static ChainVerification intact(long entriesChecked, String headHash) {
		return new ChainVerification(true, entriesChecked, null, headHash);
	}

	public static ChainVerification brokenAt(long sequence, long entriesChecked, String headHash) {
		return new ChainVerification(false, entriesChecked, sequence, headHash);
	}
}
