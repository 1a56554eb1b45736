package io.kluis.billing.payments;

import io.kluis.shared.AccountId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A payment Kluis started at a provider, as recorded locally ({@code billing_payments}).
 *
 * @param payableReference what it pays, as the paying side named it (an invoice id); opaque here
 * @param providerPaymentId the provider's id; {@code null} while {@link PaymentStatus#CREATING}
 * @param status the provider's status as last fetched from its API
 */
public record Payment(PaymentId id, AccountId account, String provider, @Nullable String providerPaymentId,
		SequenceType sequenceType, EuroAmount amount, PaymentStatus status, String payableReference, Instant createdAt,
		Instant updatedAt, @Nullable Instant paidAt) {
}
