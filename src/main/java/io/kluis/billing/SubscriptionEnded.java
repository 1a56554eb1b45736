package io.kluis.billing;

import io.kluis.shared.AccountId;
import java.time.Instant;

/** A cancelled subscription reached the end of its term and ended; its product was de-provisioned. */
public record SubscriptionEnded(SubscriptionRef subscription, AccountId account, PlanTerms terms, Instant endedAt) {
}
