package io.kluis.billing;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A customer ordered: the subscription exists ({@code PENDING_PAYMENT}, or already {@code ACTIVE} while
 * payment is not required). The invoicing issues the first term's invoice on this event.
 */
public record OrderPlaced(UUID orderId, AccountId account, SubscriptionRef subscription, PlanTerms terms,
		Instant periodStart, Instant periodEnd, Instant orderedAt) implements Auditable {

	@Override
	public String auditCode() {
		return "billing.order.placed";
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
		return Map.of("order", orderId.toString(), "subscription", subscription.toString(), "plan", terms.planId().toString(), "period", terms.period().code());
	}
}
