package io.kluis.billing;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a customer subscribed to, as agreed when ordering (a later catalogue change does not alter
 * it): the product and plan, the period and its price (EUR, without VAT, two decimals) and, for a
 * storage plan, the quota in bytes.
 */
public record PlanTerms(UUID planId, ProductKind kind, String productName, String planName, BillingPeriod period,
		BigDecimal price, @Nullable Long quotaBytes) {

	public PlanTerms {
		Objects.requireNonNull(planId, "planId");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(productName, "productName");
		Objects.requireNonNull(planName, "planName");
		Objects.requireNonNull(period, "period");
		Objects.requireNonNull(price, "price");
		if (price.scale() != 2 || price.signum() < 0) {
			throw new IllegalArgumentException("a price has two decimals and is not negative");
		}
		if (kind == ProductKind.STORAGE && (quotaBytes == null || quotaBytes <= 0)) {
			throw new IllegalArgumentException("a storage plan carries a positive quota");
		}
	}
}
