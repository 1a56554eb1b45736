package io.kluis.billing.invoicing;

import io.kluis.billing.document.InvoiceDocument;
import io.kluis.billing.document.InvoicePdf;
import io.kluis.billing.document.UblInvoices;
import io.kluis.billing.invoices.InvoiceId;
import io.kluis.billing.invoices.Invoicing;
import io.kluis.billing.invoices.IssuedInvoice;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.NotFoundException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * An issued invoice or credit note as the customer receives it: the PDF and the UBL 2.1 e-invoice,
 * rendered on demand from {@link Invoicing#toDocument} (nothing is stored but the fiscal record, so a
 * download, the mail and a re-sent mail always show the same document).
 */
@Component
class InvoiceFiles {

	static final String PDF = "application/pdf";

	static final String XML = "application/xml";

	/** A rendered file; {@code toString()} shows the type and size only. */
	record File(String filename, String contentType, byte[] content) {

		@Override
		public String toString() {
			return "File[" + contentType + ", " + content.length + " bytes]";
		}
	}

	private final Invoicing invoicing;

	private final InvoicePdf pdf;

	InvoiceFiles(Invoicing invoicing, InvoicePdf pdf) {
		this.invoicing = invoicing;
		this.pdf = pdf;
	}

	/** The customer's own invoice or credit note; empty for a malformed id, another customer's or none. */
	Optional<IssuedInvoice> own(AccountId account, String id) {
		return parse(id).flatMap(invoicing::find).filter(i -> i.account().equals(account));
	}

	Optional<IssuedInvoice> find(String id) {
		return parse(id).flatMap(invoicing::find);
	}

	File pdf(IssuedInvoice invoice) {
		return new File(basename(invoice) + ".pdf", PDF, pdf.render(document(invoice.id())));
	}

	File ubl(IssuedInvoice invoice) {
		return new File(basename(invoice) + ".xml", XML, UblInvoices.write(document(invoice.id())));
	}

	private InvoiceDocument document(InvoiceId id) {
		return invoicing.toDocument(id);
	}

	/** {@code invoice-2026-000001} or {@code credit-note-2026-000002}: no personal data in a file name. */
	static String basename(IssuedInvoice invoice) {
		return (invoice.kind() == InvoiceDocument.Kind.CREDIT_NOTE ? "credit-note-" : "invoice-") + invoice.number();
	}

	private static Optional<InvoiceId> parse(String id) {
		try {
			return Optional.of(new InvoiceId(UUID.fromString(id)));
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
	}

	static NotFoundException notFound() {
		return new NotFoundException("invoice");
	}
}
