/**
 * Billing's web: the JSON API ({@code /api/v1/plans}, {@code /api/v1/orders}, {@code /api/v1/subscriptions},
 * {@code /api/v1/me/billing-profile}; app passwords like every {@code /api/v1} endpoint) and the customer's
 * panel pages at {@code /panel/billing}. Cancelling takes one request or one button, like ordering (BIL-6).
 * Staff with the BILLING role work with invoices at {@code /admin/billing/invoices}: every read states a
 * reason and is audited, as over the staff API.
 */
@NullMarked
package io.kluis.billing.web;

import org.jspecify.annotations.NullMarked;
