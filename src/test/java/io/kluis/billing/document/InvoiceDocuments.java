package io.kluis.billing.document;

import io.kluis.billing.document.InvoiceDocument.ElectronicAddress;
import io.kluis.billing.document.InvoiceDocument.Kind;
import io.kluis.billing.document.InvoiceDocument.Line;
import io.kluis.billing.document.InvoiceDocument.Party;
import io.kluis.billing.document.InvoiceDocument.PaymentAccount;
import io.kluis.billing.document.InvoiceDocument.Period;
import io.kluis.billing.document.InvoiceDocument.Preceding;
import io.kluis.billing.document.InvoiceDocument.Totals;
import io.kluis.billing.document.InvoiceDocument.VatBreakdown;
import io.kluis.billing.document.InvoiceDocument.VatCategory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Four issued documents as the invoice issuer should build them, each valid against the UBL 2.1 XSD,
 * the CEN EN 16931 rules and Peppol BIS Billing 3.0 with its Dutch (NLCIUS) rules (see
 * {@code UblInvoicesUnitTests}; the consumer invoice has the one exception described at
 * {@link #dutchConsumerInvoice()}). Amounts are final: VAT per rate on the sum of the line amounts,
 * rounded half up to cents. Test data only: the people, companies and numbers are made up (the IBAN
 * is a published example, the VAT numbers only have the right format).
 */
public final class InvoiceDocuments {

	public static final LocalDate ISSUED = LocalDate.of(2026, 12, 1);

	public static final Period DECEMBER = new Period(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31));

	public static final Period YEAR_2027 = new Period(LocalDate.of(2026, 12, 1), LocalDate.of(2027, 11, 30));

	private static final BigDecimal RATE_21 = new BigDecimal("21");

	private InvoiceDocuments() {
	}

	/** The provider, a Dutch B.V.: KvK number as its Peppol address (scheme 0106). */
	public static Party seller() {
		return new Party("Kluis Hosting B.V.", "Keizersgracht 100", "1015 AA", "Amsterdam", "NL", "NL859123456B01",
				"76543210", "facturen@kluis-hosting.example", new ElectronicAddress("0106", "76543210"));
	}

	public static PaymentAccount sellerAccount() {
		return new PaymentAccount("NL91ABNA0417164300", "ABNANL2A", "Kluis Hosting B.V.");
	}

	/**
	 * A Dutch consumer, 21 % VAT, one month of storage and two extra users. A consumer has no Peppol
	 * identifier: the buyer's electronic address (BT-49, mandatory in Peppol) is the email address
	 * under scheme {@code EM}, which EN 16931's code list allows and Peppol's does not (rule
	 * PEPPOL-EN16931-CL008); there is no Peppol scheme for a private person.
	 */
	public static InvoiceDocument dutchConsumerInvoice() {
		var buyer = new Party("Jan de Vries", "Oudegracht 12", "3511 AB", "Utrecht", "NL", null, null,
				"jan.devries@example.org", new ElectronicAddress("EM", "jan.devries@example.org"));
		var lines = List.of(
				new Line("1", "Opslag 1 TB", new BigDecimal("1"), "MON", new BigDecimal("9.99"), new BigDecimal("9.99"),
						VatCategory.STANDARD, RATE_21, DECEMBER),
				new Line("2", "Extra gebruiker", new BigDecimal("2"), "C62", new BigDecimal("2.50"), new BigDecimal("5.00"),
						VatCategory.STANDARD, RATE_21, DECEMBER));
		return new InvoiceDocument(Kind.INVOICE, "2026-000042", ISSUED, LocalDate.of(2026, 12, 15), DECEMBER, "EUR",
				Locale.forLanguageTag("nl"), null, "2026000042", "K-000123", seller(), buyer, sellerAccount(), lines,
				List.of(new VatBreakdown(VatCategory.STANDARD, RATE_21, new BigDecimal("14.99"), new BigDecimal("3.15"), null)),
				totals("14.99", "3.15", "18.14"), null);
	}

	/** A Dutch business (KvK number, VAT number): a yearly hosting package and a domain name. */
	public static InvoiceDocument dutchBusinessInvoice() {
		var lines = List.of(
				new Line("1", "Hostingpakket Business", new BigDecimal("1"), "ANN", new BigDecimal("240.00"),
						new BigDecimal("240.00"), VatCategory.STANDARD, RATE_21, YEAR_2027),
				new Line("2", "Domeinnaam bakkerij-jansen.nl", new BigDecimal("1"), "ANN", new BigDecimal("12.50"),
						new BigDecimal("12.50"), VatCategory.STANDARD, RATE_21, YEAR_2027));
		return new InvoiceDocument(Kind.INVOICE, "2026-000043", ISSUED, LocalDate.of(2026, 12, 15), YEAR_2027, "EUR",
				Locale.forLanguageTag("nl"), null, "2026000043", "K-000456", seller(), dutchBusiness(), sellerAccount(),
				lines,
				List.of(new VatBreakdown(VatCategory.STANDARD, RATE_21, new BigDecimal("252.50"), new BigDecimal("53.03"),
						null)),
				totals("252.50", "53.03", "305.53"), null);
	}

	public static Party dutchBusiness() {
		return new Party("Bakkerij Jansen B.V.", "Stratumseind 5", "5611 ET", "Eindhoven", "NL", "NL812345678B01",
				"87654321", "administratie@bakkerij-jansen.example", new ElectronicAddress("0106", "87654321"));
	}

	/**
	 * A German business with a (validated) VAT number: reverse charge, VAT category AE at 0 % with
	 * exemption reason code VATEX-EU-AE; its Peppol address is its VAT number (scheme 9930).
	 */
	public static InvoiceDocument euReverseChargeInvoice() {
		var buyer = new Party("Muster Daten GmbH", "Friedrichstraße 50", "10117", "Berlin", "DE", "DE123456789", null,
				"rechnung@muster-daten.example", new ElectronicAddress("9930", "DE123456789"));
		var lines = List.of(new Line("1", "Storage 5 TB", new BigDecimal("1"), "MON", new BigDecimal("49.00"),
				new BigDecimal("49.00"), VatCategory.REVERSE_CHARGE, BigDecimal.ZERO, DECEMBER));
		return new InvoiceDocument(Kind.INVOICE, "2026-000044", ISSUED, LocalDate.of(2026, 12, 15), DECEMBER, "EUR",
				Locale.ENGLISH, null, "2026000044", "K-000789", seller(), buyer, sellerAccount(), lines,
				List.of(new VatBreakdown(VatCategory.REVERSE_CHARGE, BigDecimal.ZERO, new BigDecimal("49.00"),
						new BigDecimal("0.00"), "VATEX-EU-AE")),
				totals("49.00", "0.00", "49.00"), "Reverse charge");
	}

	/**
	 * A business outside the EU (United States): the service is not subject to Dutch VAT (category
	 * O, exemption reason code VATEX-EU-O). Its Peppol address is a DUNS number (scheme 0060): Peppol
	 * knows no US business register. Not one of the four issue-10 documents; it covers category O.
	 */
	public static InvoiceDocument outsideEuBusinessInvoice() {
		var buyer = new Party("Example Storage Inc.", "100 Market Street", "94105", "San Francisco", "US", null, null,
				"ap@example-storage.example", new ElectronicAddress("0060", "123456789"));
		var lines = List.of(new Line("1", "Storage 10 TB", new BigDecimal("1"), "MON", new BigDecimal("89.00"),
				new BigDecimal("89.00"), VatCategory.OUTSIDE_SCOPE, BigDecimal.ZERO, DECEMBER));
		return new InvoiceDocument(Kind.INVOICE, "2026-000046", ISSUED, LocalDate.of(2026, 12, 15), DECEMBER, "EUR",
				Locale.ENGLISH, null, "2026000046", "K-000999", seller(), buyer, sellerAccount(), lines,
				List.of(new VatBreakdown(VatCategory.OUTSIDE_SCOPE, BigDecimal.ZERO, new BigDecimal("89.00"),
						new BigDecimal("0.00"), "VATEX-EU-O")),
				totals("89.00", "0.00", "89.00"), null);
	}

	/** A credit note for the domain name on {@link #dutchBusinessInvoice()}, referring to it (BG-3). */
	public static InvoiceDocument creditNote() {
		var lines = List.of(new Line("1", "Domeinnaam bakkerij-jansen.nl (niet verlengd)", new BigDecimal("1"), "ANN",
				new BigDecimal("12.50"), new BigDecimal("12.50"), VatCategory.STANDARD, RATE_21, YEAR_2027));
		return new InvoiceDocument(Kind.CREDIT_NOTE, "2026-000045", LocalDate.of(2026, 12, 3), null, YEAR_2027, "EUR",
				Locale.forLanguageTag("nl"), new Preceding("2026-000043", ISSUED), "2026000045", "K-000456", seller(),
				dutchBusiness(), null, lines,
				List.of(new VatBreakdown(VatCategory.STANDARD, RATE_21, new BigDecimal("12.50"), new BigDecimal("2.63"), null)),
				totals("12.50", "2.63", "15.13"), null);
	}

	/** The four documents: consumer, Dutch business, EU reverse charge, credit note. */
	public static List<InvoiceDocument> all() {
		return List.of(dutchConsumerInvoice(), dutchBusinessInvoice(), euReverseChargeInvoice(), creditNote());
	}

	/** The same document in another language. */
	public static InvoiceDocument inLanguage(InvoiceDocument d, Locale language) {
		return new InvoiceDocument(d.kind(), d.number(), d.issueDate(), d.dueDate(), d.period(), d.currency(), language,
				d.precedingInvoice(), d.paymentReference(), d.customerNumber(), d.seller(), d.buyer(), d.payTo(), d.lines(),
				d.vat(), d.totals(), d.note());
	}

	/** The same document with other totals (to prove that wrong totals are rejected). */
	public static InvoiceDocument withTotals(InvoiceDocument d, Totals totals) {
		return new InvoiceDocument(d.kind(), d.number(), d.issueDate(), d.dueDate(), d.period(), d.currency(),
				d.language(), d.precedingInvoice(), d.paymentReference(), d.customerNumber(), d.seller(), d.buyer(),
				d.payTo(), d.lines(), d.vat(), totals, d.note());
	}

	private static Totals totals(String net, String vat, String gross) {
		return new Totals(new BigDecimal(net), new BigDecimal(net), new BigDecimal(vat), new BigDecimal(gross),
				new BigDecimal("0.00"), new BigDecimal(gross));
	}
}
