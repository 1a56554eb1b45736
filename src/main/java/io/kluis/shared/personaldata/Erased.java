package io.kluis.shared.personaldata;

import java.util.Map;

/**
 * Evidence of an erasure in one module (RET-6): how many items of each category were removed or
 * anonymised, and how many were kept because the register says so (a legal hold such as invoices
 * under art. 52 AWR, or pseudonymous records with their own retention period such as the security
 * log). Counts only, never contents.
 */
public record Erased(Map<String, Integer> removed, Map<String, Integer> kept) {

	public Erased {
		removed = Map.copyOf(removed);
		kept = Map.copyOf(kept);
	}

	public static Erased of(String category, int count) {
		return new Erased(Map.of(category, count), Map.of());
	}

	public static Erased none() {
		return new Erased(Map.of(), Map.of());
	}
}
