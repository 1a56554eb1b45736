package io.kluis.billing;

/**
 * Where a subscription stands. An order creates it {@link #PENDING_PAYMENT}; the payment code calls
 * {@link BillingSubscriptions#markPaid} to make it {@link #ACTIVE} (while {@code kluis.billing.payment-required}
 * is false, the default until payments exist, billing does that itself at once). Dunning suspends and
 * resumes it; a cancelled subscription becomes {@link #ENDED} at the end of its term.
 */
public enum SubscriptionStatus {
	PENDING_PAYMENT, ACTIVE, SUSPENDED, ENDED;

	/** Whether the subscription still counts as the customer's (not ended). */
	public boolean live() {
		return this != ENDED;
	}
}
