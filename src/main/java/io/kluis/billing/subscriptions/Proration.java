package io.kluis.billing.subscriptions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * The rule for a plan change within a term: the customer pays the difference of the two prices for the
 * part of the term that is left, to the second.
 *
 * <pre>
 *   proration = (newPrice − oldPrice) × remaining / term
 * </pre>
 * where {@code term} is the length of the current term and {@code remaining} the time from the change to
 * its end, both in whole seconds, and the prices are those of the same billing period (EUR without VAT).
 * The product is computed exactly and rounded once, half up, to two decimals (cents). Positive: to be
 * invoiced now (an upgrade); negative: to be credited (a downgrade); zero at the very end of a term.
 * The next term is billed at the new price.
 */
public final class Proration {

	private Proration() {
	}

	public static BigDecimal of(BigDecimal oldPrice, BigDecimal newPrice, Instant termStart, Instant termEnd,
			Instant changedAt) {
		long term = Duration.between(termStart, termEnd).toSeconds();
		if (term <= 0) {
			throw new IllegalArgumentException("a term has a positive length");
		}
		long remaining = Math.max(0, Math.min(term, Duration.between(changedAt, termEnd).toSeconds()));
		return newPrice.subtract(oldPrice)
			.multiply(BigDecimal.valueOf(remaining))
			.divide(BigDecimal.valueOf(term), 2, RoundingMode.HALF_UP);
	}
}
