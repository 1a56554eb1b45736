package io.kluis.billing.subscriptions;

import io.kluis.billing.PlanTerms;
import io.kluis.billing.SubscriptionInfo;
import io.kluis.billing.SubscriptionRef;
import io.kluis.billing.SubscriptionStatus;
import io.kluis.shared.AccountId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A subscription row, with its guarded state changes (each returns the changed subscription). */
public record Subscription(UUID id, AccountId account, UUID orderId, PlanTerms terms, SubscriptionStatus status,
		Instant periodStart, Instant periodEnd, @Nullable Instant cancelledAt, @Nullable Instant endedAt,
		Instant createdAt) {

	public SubscriptionRef ref() {
		return new SubscriptionRef(id);
	}

	public SubscriptionInfo info() {
		return new SubscriptionInfo(ref(), account, orderId, terms, status, periodStart, periodEnd, cancelledAt, endedAt);
	}

	Subscription activated() {
		if (status == SubscriptionStatus.ENDED) {
			throw new IllegalStateException("an ended subscription cannot become active");
		}
		return with(SubscriptionStatus.ACTIVE);
	}

	Subscription suspended() {
		return with(SubscriptionStatus.SUSPENDED);
	}

	/** Cancelled at {@code at}: ends at the end of the current term. */
	Subscription cancelled(Instant at) {
		return new Subscription(id, account, orderId, terms, status, periodStart, periodEnd, at, endedAt, createdAt);
	}

	Subscription ended(Instant at) {
		return new Subscription(id, account, orderId, terms, SubscriptionStatus.ENDED, periodStart, periodEnd,
				cancelledAt, at, createdAt);
	}

	/** The next term, at the current terms' price and period. */
	Subscription renewed() {
		return new Subscription(id, account, orderId, terms, status, periodEnd, terms.period().after(periodEnd),
				cancelledAt, endedAt, createdAt);
	}

	Subscription withTerms(PlanTerms next) {
		return new Subscription(id, account, orderId, next, status, periodStart, periodEnd, cancelledAt, endedAt,
				createdAt);
	}

	private Subscription with(SubscriptionStatus next) {
		return new Subscription(id, account, orderId, terms, next, periodStart, periodEnd, cancelledAt, endedAt,
				createdAt);
	}

	@Override
	public String toString() {
		return "Subscription[" + id + " " + terms.kind() + " " + status + "]";
	}
}
