package io.kluis.billing.orders;

import io.kluis.billing.PlanTerms;
import io.kluis.shared.AccountId;
import java.time.Instant;
import java.util.UUID;

/**
 * An order as recorded: what was ordered and at what price (the terms shown), the terms of service
 * version the customer accepted and when, and where (panel or API). Immutable.
 */
public record Order(UUID id, AccountId account, PlanTerms terms, String currency, String termsVersion,
		Instant termsAcceptedAt, Channel channel, UUID subscriptionId, Instant orderedAt) {

	public enum Channel {
		PANEL, API
	}

	@Override
	public String toString() {
		return "Order[" + id + " " + terms.kind() + " " + channel + "]";
	}
}
