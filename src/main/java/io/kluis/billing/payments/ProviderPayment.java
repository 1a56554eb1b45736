package io.kluis.billing.payments;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A payment as the provider knows it, fetched from its API (never taken from a webhook's body).
 *
 * @param id the provider's id ({@code tr_…})
 * @param checkoutUrl where to send the customer while the payment is open; {@code null} for recurring
 * charges and finished payments
 * @param mandateId the mandate a first payment created or a recurring one charged
 * @param paidAt when the provider saw the money, once {@link PaymentStatus#PAID}
 */
public record ProviderPayment(String id, PaymentStatus status, EuroAmount amount, SequenceType sequenceType,
		@Nullable URI checkoutUrl, @Nullable String customerId, @Nullable String mandateId, @Nullable Instant paidAt,
		Map<String, String> metadata) {

	public ProviderPayment {
		metadata = Map.copyOf(metadata);
	}
}
