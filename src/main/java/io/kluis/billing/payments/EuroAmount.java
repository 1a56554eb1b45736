package io.kluis.billing.payments;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A positive amount in euros with exactly two decimals, as payment providers take it ("10.00"). A
 * value with more decimals is refused rather than rounded: rounding is the invoice's business.
 */
public record EuroAmount(BigDecimal value) {

	public static final String CURRENCY = "EUR";

	/** Mollie's upper bound for one payment is far below this; it only keeps nonsense out. */
	static final BigDecimal MAX = new BigDecimal("1000000.00");

	public EuroAmount {
		Objects.requireNonNull(value, "value");
		if (value.signum() <= 0 || value.compareTo(MAX) > 0) {
			throw new IllegalArgumentException("an amount must be above 0 and at most " + MAX);
		}
		try {
			value = value.setScale(2, RoundingMode.UNNECESSARY);
		}
		catch (ArithmeticException e) {
			throw new IllegalArgumentException("an amount has at most 2 decimals");
		}
	}

	public static EuroAmount of(String value) {
		return new EuroAmount(new BigDecimal(value));
	}

	/** "10.00": the string form Mollie requires. */
	public String plain() {
		return value.toPlainString();
	}

	@Override
	public String toString() {
		return "EUR " + plain();
	}
}
