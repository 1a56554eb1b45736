package io.kluis.billing;

import io.kluis.shared.AccountId;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A customer moved to another plan within a term. {@code proration} (EUR without VAT, two decimals) is
 * what the rest of the term costs more (positive: to invoice) or less (negative: to credit); see
 * {@code io.kluis.billing.subscriptions.Proration} for the rule. The next term is billed at {@code to}'s price.
 */
public record PlanChanged(SubscriptionRef subscription, AccountId account, PlanTerms from, PlanTerms to,
		BigDecimal proration, Instant changedAt) {
}
