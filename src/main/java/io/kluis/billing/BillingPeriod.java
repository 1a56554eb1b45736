package io.kluis.billing;

import java.time.Instant;
import java.time.ZoneOffset;

/** How often a subscription is billed: a price is per month or per year. */
public enum BillingPeriod {
	MONTH, YEAR;

	/**
	 * The end of a term that starts at {@code start}: one calendar month or year later, counted in UTC
	 * (31 January + 1 month = 28 or 29 February, as {@link java.time.ZonedDateTime#plusMonths} does).
	 */
	public Instant after(Instant start) {
		var at = start.atZone(ZoneOffset.UTC);
		return (this == MONTH ? at.plusMonths(1) : at.plusYears(1)).toInstant();
	}

	/** {@code month} or {@code year}, as the API spells it. */
	public String code() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	/** The period by its API spelling ({@code month}, {@code year}, any case); empty when unknown. */
	public static java.util.Optional<BillingPeriod> parse(@org.jspecify.annotations.Nullable String code) {
		if (code == null) {
			return java.util.Optional.empty();
		}
		for (BillingPeriod p : values()) {
			if (p.code().equalsIgnoreCase(code.strip())) {
				return java.util.Optional.of(p);
			}
		}
		return java.util.Optional.empty();
	}
}
