/**
 * The in-memory {@link io.kluis.billing.payments.PaymentProvider} used when no Mollie API key is
 * configured (development, tests): a local test checkout under {@code /billing/test-checkout/**}
 * where one clicks paid, failed or cancelled. Refused under the {@code prod} profile.
 */
@NullMarked
package io.kluis.billing.payments.fake;

import org.jspecify.annotations.NullMarked;
