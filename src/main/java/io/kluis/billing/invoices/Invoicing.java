package io.kluis.billing.invoices;

import io.kluis.billing.document.InvoiceDocument;
import io.kluis.shared.AccountId;
import java.util.List;
import java.util.Optional;

/**
 * Issues invoices and credit notes: the one way an invoice comes into being in Kluis.
 *
 * <p><b>VAT</b> (Directive 2006/112/EC, for electronically supplied services whose place of supply is
 * the customer's): a buyer in the Netherlands pays Dutch VAT, 21 % (category S), consumer or business.
 * A business in another EU country (it gives a VAT number) whose number VIES confirms gets reverse
 * charge: category AE, 0 %, the note "btw verlegd" / "VAT reverse charged" and the exemption reason
 * (art. 196). A consumer elsewhere in the EU, and a business whose number VIES calls invalid, pay Dutch
 * VAT, 21 %: Kluis assumes the provider stays below the EUR 10 000 threshold of art. 59c (above it the
 * customer's country's rate through the OSS would be due; out of scope). A buyer outside the EU:
 * category O (not subject to Dutch VAT). When VIES cannot answer, nothing is issued
 * ({@link VatNumberUnverifiable}); the caller retries later.
 *
 * <p><b>Amounts</b> (EN 16931): line net = quantity × unit price, rounded half up to 2 decimals; VAT per
 * category and rate on the sum of those line nets, rounded half up; totals are sums of rounded values.
 *
 * <p><b>Numbers</b>: {@code YYYY-NNNNNN} (six digits at least), gap-free and strictly increasing per
 * calendar year of the issue date (in {@code kluis.billing.invoices.zone}), shared by invoices and credit
 * notes. The counter row of the year is locked in the transaction that inserts the invoice, so numbers
 * follow commit order across nodes and a rolled-back issue uses none. Keep an enclosing transaction
 * short: it holds the year's counter until it ends.
 *
 * <p><b>Immutability</b>: there is no update; a correction is a {@link #credit credit note}.
 */
public interface Invoicing {

	/**
	 * Issues an invoice now (the injected clock's date).
	 *
	 * @throws io.kluis.shared.web.InvalidInputException for a request that cannot be an invoice (no
	 *         lines, a negative total, a malformed country or VAT number, …): nothing is issued
	 * @throws VatNumberUnverifiable when VIES cannot check an EU business's VAT number now
	 */
	IssuedInvoice issue(InvoiceRequest request);

	/**
	 * Issues a credit note for an invoice: the whole of it, or the given lines (with the invoice's VAT
	 * category and rate). Never more than what remains uncredited.
	 *
	 * @throws io.kluis.shared.web.NotFoundException when there is no such invoice (or it is a credit note)
	 * @throws io.kluis.shared.web.InvalidInputException when the credit exceeds what remains
	 */
	IssuedInvoice credit(InvoiceId invoice, CreditRequest request);

	/** The invoice or credit note, without the buyer's details. */
	Optional<IssuedInvoice> find(InvoiceId invoice);

	/** By number, e.g. {@code 2026-000042}. */
	Optional<IssuedInvoice> findByNumber(String number);

	/** By the structured payment reference a bank transfer quoted (invoices only). */
	Optional<IssuedInvoice> findByPaymentReference(String paymentReference);

	/** The lines of an invoice or credit note, in order; empty when there is no such document. */
	List<InvoicedLine> lines(InvoiceId invoice);

	/** The account's invoices and credit notes, newest first. */
	List<IssuedInvoice> of(AccountId account);

	/**
	 * Everything the PDF and the UBL e-invoice show. After erasure the buyer's email is gone (and the
	 * electronic address falls back to the KvK number or is empty); the rest of art. 226 remains.
	 *
	 * @throws io.kluis.shared.web.NotFoundException when there is no such invoice
	 */
	InvoiceDocument toDocument(InvoiceId invoice);
}
