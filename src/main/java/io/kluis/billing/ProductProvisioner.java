package io.kluis.billing;

import io.kluis.shared.AccountId;

/**
 * The seam through which billing starts and stops what a customer pays for, implemented by the module
 * that owns the product kind (storage for {@link ProductKind#STORAGE}; hosting, domains and certificates
 * later). Billing never imports those modules: it calls every provisioner bean whose {@link #kind()}
 * matches the subscription's product. A kind without a provisioner is billed but nothing is provisioned
 * (logged once per call).
 *
 * <p>Calls happen inside billing's transaction: a provisioner that throws rolls the billing change back
 * (the order is not placed, the term does not end), so it must only throw when the change really cannot
 * happen. Every method must be idempotent: a job that is retried may call it again.
 *
 * <ul>
 * <li>{@link #activate}: the subscription became active (paid, or active at once while payment is not
 * required), and again after a plan change with the new terms (see {@link #change}).</li>
 * <li>{@link #suspend} / {@link #resume}: unpaid (dunning) and paid again.</li>
 * <li>{@link #end}: the term ended after a cancellation; the module falls back to what a customer
 * without the product has (and may tell the customer what that means for their data).</li>
 * <li>{@link #endAtErasure}: the contract ended because the customer's data is being erased; the
 * module falls back without telling the customer anything (their data goes anyway).</li>
 * </ul>
 */
public interface ProductProvisioner {

	ProductKind kind();

	void activate(AccountId account, SubscriptionRef subscription, PlanTerms terms);

	/** The customer moved to another plan of the same kind within the term; default: activate the new terms. */
	default void change(AccountId account, SubscriptionRef subscription, PlanTerms from, PlanTerms to) {
		activate(account, subscription, to);
	}

	void suspend(AccountId account, SubscriptionRef subscription);

	void resume(AccountId account, SubscriptionRef subscription);

	void end(AccountId account, SubscriptionRef subscription, PlanTerms terms);

	/** The contract ended at erasure (the account is being closed); default: {@link #end}. */
	default void endAtErasure(AccountId account, SubscriptionRef subscription, PlanTerms terms) {
		end(account, subscription, terms);
	}
}
