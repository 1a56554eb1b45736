package io.kluis.billing.invoices;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A correction of an issued invoice: the whole invoice ({@code lines} null) or the given lines, with
 * positive quantities and prices (the credit note's amounts are what is credited). The lines get the
 * VAT category and rate of the invoice they correct. {@code reason} is printed on the credit note: no
 * personal data.
 */
public record CreditRequest(@Nullable List<InvoiceRequest.Line> lines, String reason) {

	public CreditRequest {
		Objects.requireNonNull(reason, "reason");
		lines = lines == null ? null : List.copyOf(lines);
	}

	public static CreditRequest full(String reason) {
		return new CreditRequest(null, reason);
	}

	public static CreditRequest lines(List<InvoiceRequest.Line> lines, String reason) {
		return new CreditRequest(lines, reason);
	}

	public boolean isFull() {
		return lines == null;
	}
}
