package io.kluis.billing;

import io.kluis.shared.AccountId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A subscription as other modules see it. The current term runs from {@code periodStart} to
 * {@code periodEnd}; unless {@code cancelledAt} is set, it renews then for another period at the price of
 * {@code terms}. A cancelled subscription ends at {@code periodEnd} ({@code endedAt} is then set).
 */
public record SubscriptionInfo(SubscriptionRef ref, AccountId account, UUID orderId, PlanTerms terms,
		SubscriptionStatus status, Instant periodStart, Instant periodEnd, @Nullable Instant cancelledAt,
		@Nullable Instant endedAt) {

	/** When the next term starts (and is to be invoiced), or null when the subscription will not renew. */
	public @Nullable Instant renewsAt() {
		return cancelledAt == null && status.live() ? periodEnd : null;
	}
}
