/**
 * Subscriptions: created by an order, with a term (period start and end) that renews unless the customer
 * cancelled, in which case the subscription ends at the end of the term ({@link io.kluis.billing.subscriptions.TermEnds},
 * a scheduled job) and the product's {@link io.kluis.billing.ProductProvisioner} is told to end it. Plan
 * changes within a term are prorated ({@link io.kluis.billing.subscriptions.Proration}).
 *
 * <p><b>Payment seam</b>: an order creates the subscription {@code PENDING_PAYMENT}. With
 * {@code kluis.billing.payment-required=false} (the embedded default; the {@code prod} profile sets it true) it is
 * activated at once; otherwise the payment code calls
 * {@link io.kluis.billing.BillingSubscriptions#markPaid} when the first payment arrived.
 */
@NullMarked
package io.kluis.billing.subscriptions;

import org.jspecify.annotations.NullMarked;
