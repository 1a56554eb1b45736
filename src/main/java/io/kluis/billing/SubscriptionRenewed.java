package io.kluis.billing;

import io.kluis.shared.AccountId;
import java.time.Instant;

/** A term ended without a cancellation and the next one began; the invoicing bills {@code periodStart}–{@code periodEnd}. */
public record SubscriptionRenewed(SubscriptionRef subscription, AccountId account, PlanTerms terms,
		Instant periodStart, Instant periodEnd) {
}
