package io.kluis.billing.document;

import com.helger.ubl21.UBL21Marshaller;
import io.kluis.billing.document.InvoiceDocument.Kind;
import io.kluis.billing.document.InvoiceDocument.Line;
import io.kluis.billing.document.InvoiceDocument.Party;
import io.kluis.billing.document.InvoiceDocument.PaymentAccount;
import io.kluis.billing.document.InvoiceDocument.Period;
import io.kluis.billing.document.InvoiceDocument.VatBreakdown;
import io.kluis.billing.document.InvoiceDocument.VatCategory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.AddressType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.BillingReferenceType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.BranchType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.ContactType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.CountryType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.CreditNoteLineType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.CustomerPartyType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.DocumentReferenceType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.FinancialAccountType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.InvoiceLineType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.ItemType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.MonetaryTotalType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyLegalEntityType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyTaxSchemeType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PaymentMeansType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PaymentTermsType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PeriodType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PriceType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.SupplierPartyType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.TaxCategoryType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.TaxSchemeType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.TaxSubtotalType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.TaxTotalType;
import oasis.names.specification.ubl.schema.xsd.commonbasiccomponents_21.NoteType;
import oasis.names.specification.ubl.schema.xsd.commonbasiccomponents_21.PaymentIDType;
import oasis.names.specification.ubl.schema.xsd.commonbasiccomponents_21.TaxExemptionReasonType;
import oasis.names.specification.ubl.schema.xsd.creditnote_21.CreditNoteType;
import oasis.names.specification.ubl.schema.xsd.invoice_21.InvoiceType;
import org.jspecify.annotations.Nullable;

/**
 * Writes an {@link InvoiceDocument} as a UBL 2.1 e-invoice following EN 16931 and Peppol BIS Billing
 * 3.0 (including the Dutch NLCIUS rules Peppol applies to a seller in the Netherlands): an
 * {@code Invoice} for an invoice, a {@code CreditNote} for a credit note. ph-ubl's JAXB model keeps
 * the elements in schema order and checks the result against the OASIS UBL 2.1 XSD while writing.
 *
 * <p>It maps, and never computes: amounts, VAT and totals are written exactly as the document holds
 * them. Mapping decisions:
 * <ul>
 * <li>BT-10 buyer reference is the customer number (Peppol requires a buyer or order reference).</li>
 * <li>BT-34/BT-49 electronic addresses are written as the document gives them; Peppol's code list
 * accepts, for example, {@code 0106} (KvK) and {@code 9944} (Dutch VAT number), not {@code EM}.</li>
 * <li>A company id is the KvK number, written with scheme {@code 0106} for a Dutch party (NLCIUS
 * NL-R-003/NL-R-005) and without a scheme otherwise.</li>
 * <li>An invoice with a pay-to account gets payment means 58 (SEPA credit transfer) with the
 * seller's IBAN (BT-84), BIC (BT-86) and the payment reference as PaymentID (BT-83). A credit note
 * gets payment terms instead: its amount is owed to the buyer.</li>
 * <li>A VAT exemption reason that is a VATEX code ({@code VATEX-EU-AE}) goes into
 * TaxExemptionReasonCode (BT-121), any other text into TaxExemptionReason (BT-120). Category O
 * carries no rate, and a document with category O carries no VAT identifiers (BR-O-02).</li>
 * </ul>
 */
public final class UblInvoices {

	/** BT-24, the specification identifier of Peppol BIS Billing 3.0. */
	public static final String CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";

	/** BT-23, the business process: Peppol billing. */
	public static final String PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

	/** UNCL 4461: SEPA credit transfer. */
	static final String SEPA_CREDIT_TRANSFER = "58";

	private static final String VAT = "VAT";

	private static final String KVK_SCHEME = "0106";

	private UblInvoices() {
	}

	/** The UBL XML (UTF-8) of an invoice ({@code Invoice}) or a credit note ({@code CreditNote}). */
	public static byte[] write(InvoiceDocument document) {
		byte[] xml = document.kind() == Kind.CREDIT_NOTE
				? UBL21Marshaller.creditNote().setFormattedOutput(true).getAsBytes(creditNote(document))
				: UBL21Marshaller.invoice().setFormattedOutput(true).getAsBytes(invoice(document));
		if (xml == null) {
			// ph-ubl validates against the UBL 2.1 XSD while writing and answers null if that fails.
			throw new IllegalStateException(document + " does not conform to the UBL 2.1 schema");
		}
		return xml;
	}

	/** Writes the UBL XML (UTF-8) to {@code out}, which stays open. */
	public static void write(InvoiceDocument document, OutputStream out) {
		try {
			out.write(write(document));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static InvoiceType invoice(InvoiceDocument doc) {
		var invoice = new InvoiceType();
		invoice.setCustomizationID(CUSTOMIZATION_ID);
		invoice.setProfileID(PROFILE_ID);
		invoice.setID(doc.number());
		invoice.setIssueDate(doc.issueDate());
		if (doc.dueDate() != null) {
			invoice.setDueDate(doc.dueDate());
		}
		invoice.setInvoiceTypeCode(doc.kind().code());
		if (hasText(doc.note())) {
			invoice.addNote(new NoteType(doc.note()));
		}
		invoice.setDocumentCurrencyCode(doc.currency());
		invoice.setBuyerReference(doc.customerNumber());
		if (doc.period() != null) {
			invoice.addInvoicePeriod(period(doc.period()));
		}
		if (doc.precedingInvoice() != null) {
			invoice.addBillingReference(billingReference(doc.precedingInvoice()));
		}
		invoice.setAccountingSupplierParty(supplier(doc));
		invoice.setAccountingCustomerParty(customer(doc));
		if (doc.payTo() != null) {
			invoice.addPaymentMeans(creditTransfer(doc.paymentReference(), doc.payTo()));
		}
		invoice.addTaxTotal(taxTotal(doc));
		invoice.setLegalMonetaryTotal(monetaryTotal(doc));
		for (Line line : doc.lines()) {
			invoice.addInvoiceLine(invoiceLine(line, doc.currency()));
		}
		return invoice;
	}

	static CreditNoteType creditNote(InvoiceDocument doc) {
		var note = new CreditNoteType();
		note.setCustomizationID(CUSTOMIZATION_ID);
		note.setProfileID(PROFILE_ID);
		note.setID(doc.number());
		note.setIssueDate(doc.issueDate());
		note.setCreditNoteTypeCode(doc.kind().code());
		if (hasText(doc.note())) {
			note.addNote(new NoteType(doc.note()));
		}
		note.setDocumentCurrencyCode(doc.currency());
		note.setBuyerReference(doc.customerNumber());
		if (doc.period() != null) {
			note.addInvoicePeriod(period(doc.period()));
		}
		if (doc.precedingInvoice() != null) {
			note.addBillingReference(billingReference(doc.precedingInvoice()));
		}
		note.setAccountingSupplierParty(supplier(doc));
		note.setAccountingCustomerParty(customer(doc));
		var terms = new PaymentTermsType();
		// BT-20: a positive amount due needs a due date or payment terms (BR-CO-25); a credit note
		// owes the amount to the buyer.
		terms.addNote(new NoteType("Credited to the buyer against invoice "
				+ doc.precedingInvoice().number() + "; payment reference " + doc.paymentReference()));
		note.addPaymentTerms(terms);
		note.addTaxTotal(taxTotal(doc));
		note.setLegalMonetaryTotal(monetaryTotal(doc));
		for (Line line : doc.lines()) {
			note.addCreditNoteLine(creditNoteLine(line, doc.currency()));
		}
		return note;
	}

	private static PeriodType period(Period period) {
		var result = new PeriodType();
		result.setStartDate(period.start());
		result.setEndDate(period.end());
		return result;
	}

	private static BillingReferenceType billingReference(InvoiceDocument.Preceding preceding) {
		var reference = new DocumentReferenceType();
		reference.setID(preceding.number());
		reference.setIssueDate(preceding.issueDate());
		var billing = new BillingReferenceType();
		billing.setInvoiceDocumentReference(reference);
		return billing;
	}

	private static SupplierPartyType supplier(InvoiceDocument doc) {
		var supplier = new SupplierPartyType();
		supplier.setParty(party(doc.seller(), writesVatNumbers(doc)));
		return supplier;
	}

	private static CustomerPartyType customer(InvoiceDocument doc) {
		var customer = new CustomerPartyType();
		customer.setParty(party(doc.buyer(), writesVatNumbers(doc)));
		return customer;
	}

	/**
	 * EN 16931 BR-O-02: a document with a line "not subject to VAT" (category O, which then is its
	 * only category: BR-O-11) carries neither the seller's nor the buyer's VAT identifier. The PDF
	 * still shows them.
	 */
	private static boolean writesVatNumbers(InvoiceDocument doc) {
		return doc.lines().stream().noneMatch(l -> l.category() == VatCategory.OUTSIDE_SCOPE)
				&& doc.vat().stream().noneMatch(v -> v.category() == VatCategory.OUTSIDE_SCOPE);
	}

	private static PartyType party(Party source, boolean withVatNumber) {
		var party = new PartyType();
		party.setEndpointID(source.electronicAddress().id()).setSchemeID(source.electronicAddress().scheme());
		var address = new AddressType();
		address.setStreetName(source.street());
		address.setCityName(source.city());
		address.setPostalZone(source.postalCode());
		var country = new CountryType();
		country.setIdentificationCode(source.countryCode());
		address.setCountry(country);
		party.setPostalAddress(address);
		if (withVatNumber && hasText(source.vatNumber())) {
			var tax = new PartyTaxSchemeType();
			tax.setCompanyID(source.vatNumber());
			tax.setTaxScheme(taxScheme());
			party.addPartyTaxScheme(tax);
		}
		var legal = new PartyLegalEntityType();
		legal.setRegistrationName(source.name());
		if (hasText(source.companyId())) {
			var companyId = legal.setCompanyID(source.companyId());
			if ("NL".equals(source.countryCode())) {
				companyId.setSchemeID(KVK_SCHEME);
			}
		}
		party.addPartyLegalEntity(legal);
		if (hasText(source.email())) {
			var contact = new ContactType();
			contact.setElectronicMail(source.email());
			party.setContact(contact);
		}
		return party;
	}

	private static PaymentMeansType creditTransfer(String paymentReference, PaymentAccount account) {
		var means = new PaymentMeansType();
		means.setPaymentMeansCode(SEPA_CREDIT_TRANSFER).setName("SEPA credit transfer");
		means.addPaymentID(new PaymentIDType(paymentReference));
		var financialAccount = new FinancialAccountType();
		financialAccount.setID(account.iban());
		financialAccount.setName(account.accountName());
		if (hasText(account.bic())) {
			var branch = new BranchType();
			branch.setID(account.bic());
			financialAccount.setFinancialInstitutionBranch(branch);
		}
		means.setPayeeFinancialAccount(financialAccount);
		return means;
	}

	private static TaxTotalType taxTotal(InvoiceDocument doc) {
		var total = new TaxTotalType();
		total.setTaxAmount(doc.totals().vatTotal()).setCurrencyID(doc.currency());
		for (VatBreakdown vat : doc.vat()) {
			var subtotal = new TaxSubtotalType();
			subtotal.setTaxableAmount(vat.taxableAmount()).setCurrencyID(doc.currency());
			subtotal.setTaxAmount(vat.taxAmount()).setCurrencyID(doc.currency());
			var category = taxCategory(vat.category(), vat.ratePercent());
			String reason = vat.exemptionReason();
			if (hasText(reason)) {
				if (reason.startsWith("VATEX-")) {
					category.setTaxExemptionReasonCode(reason);
				}
				else {
					category.addTaxExemptionReason(new TaxExemptionReasonType(reason));
				}
			}
			subtotal.setTaxCategory(category);
			total.addTaxSubtotal(subtotal);
		}
		return total;
	}

	private static TaxCategoryType taxCategory(VatCategory code, BigDecimal ratePercent) {
		var category = new TaxCategoryType();
		category.setID(code.code());
		if (code != VatCategory.OUTSIDE_SCOPE) {
			category.setPercent(ratePercent);
		}
		category.setTaxScheme(taxScheme());
		return category;
	}

	private static TaxSchemeType taxScheme() {
		var scheme = new TaxSchemeType();
		scheme.setID(VAT);
		return scheme;
	}

	private static MonetaryTotalType monetaryTotal(InvoiceDocument doc) {
		var totals = doc.totals();
		var result = new MonetaryTotalType();
		String currency = doc.currency();
		result.setLineExtensionAmount(totals.lineTotal()).setCurrencyID(currency);
		result.setTaxExclusiveAmount(totals.taxExclusive()).setCurrencyID(currency);
		result.setTaxInclusiveAmount(totals.taxInclusive()).setCurrencyID(currency);
		if (totals.prepaid().signum() != 0) {
			result.setPrepaidAmount(totals.prepaid()).setCurrencyID(currency);
		}
		result.setPayableAmount(totals.payable()).setCurrencyID(currency);
		return result;
	}

	private static InvoiceLineType invoiceLine(Line line, String currency) {
		var result = new InvoiceLineType();
		result.setID(line.id());
		result.setInvoicedQuantity(line.quantity()).setUnitCode(line.unitCode());
		result.setLineExtensionAmount(line.netAmount()).setCurrencyID(currency);
		if (line.period() != null) {
			result.addInvoicePeriod(period(line.period()));
		}
		result.setItem(item(line));
		result.setPrice(price(line, currency));
		return result;
	}

	private static CreditNoteLineType creditNoteLine(Line line, String currency) {
		var result = new CreditNoteLineType();
		result.setID(line.id());
		result.setCreditedQuantity(line.quantity()).setUnitCode(line.unitCode());
		result.setLineExtensionAmount(line.netAmount()).setCurrencyID(currency);
		if (line.period() != null) {
			result.addInvoicePeriod(period(line.period()));
		}
		result.setItem(item(line));
		result.setPrice(price(line, currency));
		return result;
	}

	private static ItemType item(Line line) {
		var item = new ItemType();
		item.setName(line.description());
		item.addClassifiedTaxCategory(taxCategory(line.category(), line.ratePercent()));
		return item;
	}

	private static PriceType price(Line line, String currency) {
		var price = new PriceType();
		price.setPriceAmount(line.unitPrice()).setCurrencyID(currency);
		return price;
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}
}
