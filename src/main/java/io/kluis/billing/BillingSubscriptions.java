package io.kluis.billing;

import io.kluis.shared.AccountId;
import java.util.List;
import java.util.Optional;

/**
 * Subscriptions for the invoicing, payments and dunning. State changes here call the product's
 * {@link ProductProvisioner} in the same transaction.
 */
public interface BillingSubscriptions {

	Optional<SubscriptionInfo> find(SubscriptionRef subscription);

	/** Every subscription of the customer, ended ones included, oldest first. */
	List<SubscriptionInfo> of(AccountId account);

	/**
	 * The payment seam: the first payment of a {@link SubscriptionStatus#PENDING_PAYMENT} subscription
	 * arrived; it becomes {@link SubscriptionStatus#ACTIVE} and its product is provisioned. A no-op for a
	 * subscription that is already active; refused ({@link IllegalStateException}) for an ended one.
	 */
	void markPaid(SubscriptionRef subscription);

	/** Dunning: an unpaid active subscription is suspended (the provisioner's {@code suspend}). Idempotent. */
	void suspend(SubscriptionRef subscription);

	/** Paid after all: a suspended subscription is active again (the provisioner's {@code resume}). Idempotent. */
	void resume(SubscriptionRef subscription);
}
