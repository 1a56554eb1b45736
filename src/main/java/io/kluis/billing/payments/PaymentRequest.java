package io.kluis.billing.payments;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What Kluis asks a provider to collect. The description is shown on the customer's bank statement and
 * in the provider's dashboard: it names what is paid ("Factuur 2026-000123"), never the customer.
 * Metadata travels with the payment and comes back when it is fetched (the payable reference, Kluis'
 * own payment id); it holds ids only.
 *
 * @param redirectUrl where the checkout sends the customer afterwards; {@code null} only for
 * {@link SequenceType#RECURRING} (no customer present)
 * @param customerId the provider's customer (required for {@link SequenceType#FIRST} and
 * {@link SequenceType#RECURRING})
 * @param mandateId the mandate to charge ({@link SequenceType#RECURRING}; the provider picks a valid one
 * when {@code null})
 * @param idempotencyKey sent along so that a retried create (after a timeout) returns the first payment
 * instead of creating a second one (Mollie's {@code Idempotency-Key} header); Kluis derives it from
 * its own payment id
 */
public record PaymentRequest(EuroAmount amount, String description, @Nullable URI redirectUrl, URI webhookUrl,
		Map<String, String> metadata, SequenceType sequenceType, @Nullable String customerId,
		@Nullable String mandateId, @Nullable String idempotencyKey) {

	static final int MAX_DESCRIPTION = 255;

	public PaymentRequest {
		Objects.requireNonNull(amount, "amount");
		Objects.requireNonNull(webhookUrl, "webhookUrl");
		Objects.requireNonNull(sequenceType, "sequenceType");
		if (description == null || description.isBlank() || description.length() > MAX_DESCRIPTION) {
			throw new IllegalArgumentException("a description of 1 to " + MAX_DESCRIPTION + " characters is required");
		}
		metadata = Map.copyOf(metadata);
		if (sequenceType != SequenceType.RECURRING && redirectUrl == null) {
			throw new IllegalArgumentException("a payment the customer makes needs a redirect URL");
		}
		if (sequenceType != SequenceType.ONEOFF && customerId == null) {
			throw new IllegalArgumentException("a " + sequenceType.apiName() + " payment needs a provider customer");
		}
	}

	/** A one-off payment in the checkout (iDEAL/Wero, card, bank transfer...). */
	public static PaymentRequest oneOff(EuroAmount amount, String description, URI redirectUrl, URI webhookUrl,
			Map<String, String> metadata) {
		return new PaymentRequest(amount, description, redirectUrl, webhookUrl, metadata, SequenceType.ONEOFF, null, null,
				null);
	}

	/** The customer's first payment in the checkout, which creates a mandate for later charges. */
	public static PaymentRequest first(EuroAmount amount, String description, URI redirectUrl, URI webhookUrl,
			Map<String, String> metadata, String customerId) {
		return new PaymentRequest(amount, description, redirectUrl, webhookUrl, metadata, SequenceType.FIRST, customerId,
				null, null);
	}

	/** A charge on a mandate, without the customer. */
	public static PaymentRequest recurring(EuroAmount amount, String description, URI webhookUrl,
			Map<String, String> metadata, String customerId, @Nullable String mandateId) {
		return new PaymentRequest(amount, description, null, webhookUrl, metadata, SequenceType.RECURRING, customerId,
				mandateId, null);
	}

	/** The same request, sent with this idempotency key. */
	public PaymentRequest withIdempotencyKey(String key) {
		return new PaymentRequest(amount, description, redirectUrl, webhookUrl, metadata, sequenceType, customerId,
				mandateId, key);
	}
}
