package io.kluis.billing.catalogue;

import io.kluis.billing.ProductKind;
import io.kluis.shared.web.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * What staff typed for a new plan, checked: a name, at least one price (a decimal number with at most two
 * decimals, at least 0, below a million), and for storage a quota in whole GB or bytes.
 */
public record PlanDraft(String name, @Nullable BigDecimal priceMonth, @Nullable BigDecimal priceYear,
		@Nullable Long quotaBytes) {

	static final int MAX_NAME = 200;

	static final BigDecimal MAX_PRICE = new BigDecimal("999999.99");

	/**
	 * Parses and checks a plan as typed.
	 *
	 * @param quotaGb the quota in GB (10^9 bytes), for storage plans
	 * @throws InvalidInputException naming the first wrong field
	 */
	public static PlanDraft parse(ProductKind kind, @Nullable String name, @Nullable String priceMonth,
			@Nullable String priceYear, @Nullable String quotaGb) {
		String n = name == null ? "" : name.strip();
		if (n.isEmpty() || n.length() > MAX_NAME || n.contains("\n")) {
			throw new InvalidInputException("name", "name must be 1 to 200 characters on one line");
		}
		BigDecimal month = price("priceMonth", priceMonth);
		BigDecimal year = price("priceYear", priceYear);
		if (month == null && year == null) {
			throw new InvalidInputException("priceMonth", "a plan needs a price per month, per year or both");
		}
		Long quota = null;
		if (kind == ProductKind.STORAGE) {
			quota = quota(quotaGb);
		}
		else if (quotaGb != null && !quotaGb.isBlank()) {
			throw new InvalidInputException("quotaGb", "only storage plans carry a quota");
		}
		return new PlanDraft(n, month, year, quota);
	}

	private static @Nullable BigDecimal price(String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		BigDecimal price;
		try {
			price = new BigDecimal(value.strip().replace(',', '.'));
		}
		catch (NumberFormatException e) {
			throw new InvalidInputException(field, field + " must be an amount in euros such as 4.99");
		}
		if (price.signum() < 0 || price.compareTo(MAX_PRICE) > 0) {
			throw new InvalidInputException(field, field + " must be between 0 and 999999.99");
		}
		if (price.stripTrailingZeros().scale() > 2) {
			throw new InvalidInputException(field, field + " has at most two decimals");
		}
		return price.setScale(2, RoundingMode.UNNECESSARY);
	}

	private static Long quota(@Nullable String gb) {
		if (gb == null || gb.isBlank()) {
			throw new InvalidInputException("quotaGb", "a storage plan needs a quota in GB");
		}
		try {
			long value = Long.parseLong(gb.strip());
			if (value <= 0 || value > 1_000_000) {
				throw new InvalidInputException("quotaGb", "quotaGb must be between 1 and 1000000");
			}
			return value * 1_000_000_000L;
		}
		catch (NumberFormatException e) {
			throw new InvalidInputException("quotaGb", "quotaGb must be a whole number of GB");
		}
	}
}
