package io.kluis.billing.payments;

import java.util.Locale;

/**
 * Whether a payment stands alone or belongs to a mandate: {@link #FIRST} is paid by the customer in the
 * checkout and creates a mandate (SEPA Direct Debit, card), {@link #RECURRING} is charged on that
 * mandate without the customer.
 */
public enum SequenceType {

	ONEOFF, FIRST, RECURRING;

	public String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static SequenceType fromApiName(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}
}
