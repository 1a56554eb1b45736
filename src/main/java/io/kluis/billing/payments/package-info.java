/**
 * Payments through a provider's checkout ({@link io.kluis.billing.payments.PaymentProvider}, Mollie in
 * production, a local test checkout in development): starting a payment for something payable (an
 * invoice, by an opaque reference), following its status by the provider's webhook, which is never
 * trusted and always answered by fetching the payment from the provider, and SEPA Direct Debit
 * mandates for recurring charges. A payment that reaches {@code paid} is announced once as
 * {@link io.kluis.billing.payments.PaymentReceived}, which invoicing and subscriptions listen to.
 *
 * <p>Card numbers never reach Kluis (the provider's checkout holds them); the IBAN and mandate
 * reference of a mandate are sealed under the customer's data key (register category
 * {@code payment-details}).
 */
@NamedInterface("payments")
@NullMarked
package io.kluis.billing.payments;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
