package io.kluis.billing.invoices;

import java.util.Objects;
import java.util.UUID;

/** Identifies an issued invoice or credit note. Random, so it may appear in URLs. */
public record InvoiceId(UUID value) {

	public InvoiceId {
		Objects.requireNonNull(value, "value");
	}

	public static InvoiceId random() {
		return new InvoiceId(UUID.randomUUID());
	}

	/** @throws IllegalArgumentException when the text is not a UUID */
	public static InvoiceId parse(String text) {
		return new InvoiceId(UUID.fromString(text));
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
