package io.kluis.billing.catalogue;

import io.kluis.billing.BillingPeriod;
import io.kluis.billing.PlanTerms;
import io.kluis.billing.ProductKind;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A plan of a product: its price per month and/or per year (EUR, without VAT, two decimals) and, for a
 * storage plan, the quota in bytes.
 */
public record Plan(UUID id, UUID productId, ProductKind kind, String productName, String name,
		@Nullable BigDecimal priceMonth, @Nullable BigDecimal priceYear, @Nullable Long quotaBytes, boolean active) {

	/** The price for this period, if the plan offers it. */
	public Optional<BigDecimal> price(BillingPeriod period) {
		return Optional.ofNullable(period == BillingPeriod.MONTH ? priceMonth : priceYear);
	}

	/** The terms a customer agrees to when ordering this plan for this period (which the plan must offer). */
	public PlanTerms terms(BillingPeriod period) {
		return new PlanTerms(id, kind, productName, name, period, price(period).orElseThrow(), quotaBytes);
	}
}
