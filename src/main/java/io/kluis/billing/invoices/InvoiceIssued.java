package io.kluis.billing.invoices;

import io.kluis.billing.document.InvoiceDocument.Kind;
import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Published when an invoice or credit note was issued (after its transaction commits, listeners see
 * it): the mail with the PDF and payments listen. Audited as {@code billing.invoice.issued}.
 */
public record InvoiceIssued(InvoiceId invoice, Kind kind, String number, AccountId account) implements Auditable {

	@Override
	public String auditCode() {
		return "billing.invoice.issued";
	}

	@Override
	public @Nullable AccountId subject() {
		return account;
	}

	@Override
	public @Nullable AccountId actor() {
		return null;
	}

	@Override
	public Map<String, String> auditDetails() {
		return Map.of("invoice", invoice.toString(), "kind", kind.code(), "number", number);
	}
}
