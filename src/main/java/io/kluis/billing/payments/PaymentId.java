package io.kluis.billing.payments;

import java.util.Objects;
import java.util.UUID;

/** Kluis' own id of a payment (not the provider's). */
public record PaymentId(UUID value) {

	public PaymentId {
		Objects.requireNonNull(value, "value");
	}

	public static PaymentId random() {
		return new PaymentId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
