package io.kluis.billing.payments;

import java.util.Locale;

/**
 * The status of a payment as the provider reports it (Mollie's payment statuses). {@link #PAID} is the
 * only one that means money arrived; {@link #AUTHORIZED} is reserved but not yet captured.
 * {@link #CREATING} is Kluis' own: the local row exists and the provider is being asked (or did not
 * answer); the provider never reports it.
 */
public enum PaymentStatus {

	CREATING, OPEN, PENDING, AUTHORIZED, PAID, CANCELED, EXPIRED, FAILED;

	/** Whether the payment can no longer change (in this module's view: refunds are separate). */
	public boolean isFinal() {
		return this == PAID || this == CANCELED || this == EXPIRED || this == FAILED;
	}

	/** The provider's lower-case name, as in Mollie's API ({@code paid}). */
	public String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Parses Mollie's lower-case name. */
	public static PaymentStatus fromApiName(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}
}
