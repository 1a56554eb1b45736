package io.kluis.privacy.spi;

import java.util.Map;

/**
 * Evidence of an erasure or retention run in one module (RET-6): how many items of each category
 * were removed or anonymised, and how many were kept under a legal hold. Counts only, never contents.
 */
public record Erased(Map<String, Integer> removed, Map<String, Integer> keptUnderLegalHold) {

	public Erased {
		removed = Map.copyOf(removed);
		keptUnderLegalHold = Map.copyOf(keptUnderLegalHold);
	}

	public static Erased of(String category, int count) {
		return new Erased(Map.of(category, count), Map.of());
	}

	public static Erased none() {
		return new Erased(Map.of(), Map.of());
	}
}
