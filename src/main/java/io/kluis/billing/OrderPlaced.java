package io.kluis.billing;

import io.kluis.shared.AccountId;
import java.time.Instant;
import java.util.UUID;

/**
 * A customer ordered: the subscription exists ({@code PENDING_PAYMENT}, or already {@code ACTIVE} while
 * payment is not required). The invoicing issues the first term's invoice on this event.
 */
public record OrderPlaced(UUID orderId, AccountId account, SubscriptionRef subscription, PlanTerms terms,
		Instant periodStart, Instant periodEnd, Instant orderedAt) {
}
