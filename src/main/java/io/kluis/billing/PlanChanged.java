package io.kluis.billing;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A customer moved to another plan within a term. {@code proration} (EUR without VAT, two decimals) is
 * what the rest of the term costs more (positive: to invoice) or less (negative: to credit); see
 * {@code io.kluis.billing.subscriptions.Proration} for the rule. The next term is billed at {@code to}'s price.
 */
public record PlanChanged(SubscriptionRef subscription, AccountId account, PlanTerms from, PlanTerms to,
		BigDecimal proration, Instant changedAt) implements Auditable {

	@Override
	public String auditCode() {
		return "billing.subscription.plan-changed";
	}

	@Override
	public @Nullable AccountId subject() {
		return account;
	}

	@Override
	public @Nullable AccountId actor() {
		return account;
	}

	@Override
	public Map<String, String> auditDetails() {
		return Map.of("subscription", subscription.toString(), "from", from.planId().toString(), "to", to.planId().toString());
	}
}
