package io.kluis.billing.invoices;

import io.kluis.billing.document.InvoiceDocument.Period;
import io.kluis.billing.document.InvoiceDocument.VatCategory;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A line as issued: what the request said, with its rounded net amount and VAT category and rate, and
 * the caller's {@code sourceReference} (e.g. {@code subscription:<id>}), so billing can tell which
 * periods of what were invoiced.
 */
public record InvoicedLine(int lineNo, String description, BigDecimal quantity, String unitCode, BigDecimal unitPrice,
		BigDecimal netAmount, VatCategory category, BigDecimal ratePercent, @Nullable Period period,
		@Nullable String sourceReference) {
}
