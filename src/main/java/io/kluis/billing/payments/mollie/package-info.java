/**
 * The Mollie adapter of {@link io.kluis.billing.payments.PaymentProvider}, over Mollie's REST API v2
 * ({@code kluis.billing.mollie.*}).
 */
@NullMarked
package io.kluis.billing.payments.mollie;

import org.jspecify.annotations.NullMarked;
