package io.kluis.billing.payments;

import io.kluis.shared.AccountId;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A payment reached {@code paid} at the provider, confirmed by fetching it from the provider's API.
 * Published exactly once per payment, in the transaction that records the change; invoicing marks
 * the payable paid, subscriptions activate or renew.
 *
 * @param payableReference what the payment pays, as given to {@link Payments#start} (an invoice id)
 * @param amount the amount paid, in euros with two decimals
 */
public record PaymentReceived(PaymentId paymentId, AccountId accountId, String payableReference, BigDecimal amount,
		Instant paidAt) {
}
