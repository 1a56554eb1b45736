package io.kluis.billing.invoices;

import io.kluis.billing.document.InvoiceDocument.Kind;
import io.kluis.shared.AccountId;
import io.kluis.shared.CustomerNumber;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * An issued invoice or credit note, without the buyer's details (use {@link Invoicing#toDocument} for
 * everything). Amounts in EUR, two decimals; a credit note's amounts are positive (what is credited).
 *
 * @param preceding for a credit note, the invoice it corrects
 * @param minimised when erasure minimised the buyer's details (RET-3), else null
 */
public record IssuedInvoice(InvoiceId id, Kind kind, String number, AccountId account, CustomerNumber customerNumber,
		Instant issuedAt, LocalDate issueDate, @Nullable LocalDate dueDate, String paymentReference, VatScheme vatScheme,
		String buyerCountry, BigDecimal taxExclusive, BigDecimal vatTotal, BigDecimal taxInclusive,
		@Nullable InvoiceId preceding, @Nullable String precedingNumber, @Nullable Instant minimised) {

	/** The calendar year whose sequence the number belongs to (the fiscal year, for retention). */
	public int fiscalYear() {
		return Integer.parseInt(number.substring(0, 4));
	}
}
