/**
 * Billing: the catalogue (products, plans, prices), orders, subscriptions, invoices numbered
 * gap-free per calendar year (PDF and a UBL 2.1 / Peppol BIS Billing 3.0 e-invoice), payments through
 * provider ports (Mollie) and bank-statement import (CAMT.053), dunning and the hand-off to a
 * collection agency (recorded in privacy's disclosure ledger), and the fiscal record kept under the
 * register's legal hold (RET-3).
 *
 * <p>Depends on {@code shared}, {@code crypto}, {@code notifications}, {@code audit}, {@code privacy}
 * (its root API and {@code privacy.spi}) and {@code identity}. Billing knows no other feature module:
 * products are provisioned through billing's provisioning API, which the owning module (storage,
 * hosting, domains) implements, so the dependency points from them to billing.
 *
 * <p><b>API</b> (this package): the catalogue's {@link io.kluis.billing.ProductKind} and
 * {@link io.kluis.billing.BillingPeriod}; {@link io.kluis.billing.PlanTerms} (what a subscription was
 * agreed at); the provisioning port {@link io.kluis.billing.ProductProvisioner} (storage implements it for
 * {@code STORAGE}); {@link io.kluis.billing.BillingProfiles} (whom invoices are made out to);
 * {@link io.kluis.billing.BillingSubscriptions} (lookup, and the payment and dunning seams
 * {@code markPaid}, {@code suspend}, {@code resume}); and the events {@link io.kluis.billing.OrderPlaced},
 * {@link io.kluis.billing.SubscriptionRenewed}, {@link io.kluis.billing.PlanChanged} and
 * {@link io.kluis.billing.SubscriptionEnded}, on which the invoicing issues invoices and credit notes.
 *
 * <p>Inside: {@code catalogue} (products and plans, staff pages), {@code orders} (orders and billing
 * profiles), {@code subscriptions} (terms, cancellation, plan changes with proration, the term-end job),
 * {@code web} (API and panel), {@code privacy} (the personal-data holder), {@code document},
 * {@code invoices}, {@code payments}, {@code bank}, {@code settlement} (what has been paid of each
 * invoice: settlements beside the immutable invoices, {@code InvoicePaid}) and {@code dunning}
 * (reminders, suspension, the staff's hand-off to a collection agency).
 *
 * <p>Owns every table whose name starts with {@code billing_}.
 */
@NullMarked
package io.kluis.billing;

import org.jspecify.annotations.NullMarked;
