package io.kluis.billing.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.kluis.billing.document.InvoiceDocument.Totals;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The UBL e-invoice of the four example documents validates against the UBL 2.1 XSD, the CEN
 * EN 16931 schematron and the Peppol BIS Billing 3.0 schematron (with the Dutch NL-R rules), and a
 * document with a wrong total is rejected, which proves the rules run.
 */
class UblInvoicesUnitTests {

	@BeforeAll
	static void theSchematronIsTheOfficialRelease() {
		// Sanity: the compiled schematron know their rules (hundreds of BR-*, PEPPOL-* and NL-R-* ids).
		assertThat(PeppolBis3Validator.ruleCount(PeppolBis3Validator.CEN)).isGreaterThan(200);
		assertThat(PeppolBis3Validator.ruleCount(PeppolBis3Validator.PEPPOL)).isGreaterThan(100);
	}

	@Test
	@DisplayName("BIL-1: a Dutch business invoice (KvK, VAT number, 21 %) is a valid Peppol BIS 3 invoice")
	void dutchBusinessInvoiceIsValid() {
		var result = assertValid(InvoiceDocuments.dutchBusinessInvoice());
		assertThat(result.firedRules().get(PeppolBis3Validator.PEPPOL)).isPositive();
	}

	@Test
	@DisplayName("BIL-1: an EU reverse-charge invoice (AE, VATEX-EU-AE, German buyer's VAT number) is a valid Peppol BIS 3 invoice")
	void euReverseChargeInvoiceIsValid() {
		assertValid(InvoiceDocuments.euReverseChargeInvoice());
		String xml = xml(InvoiceDocuments.euReverseChargeInvoice());
		assertThat(xml).contains("<cbc:TaxExemptionReasonCode>VATEX-EU-AE</cbc:TaxExemptionReasonCode>")
				.contains("<cbc:CompanyID>DE123456789</cbc:CompanyID>")
				.contains("schemeID=\"9930\"");
	}

	@Test
	@DisplayName("BIL-1: a credit note referring to the invoice it corrects is a valid Peppol BIS 3 credit note")
	void creditNoteIsValid() {
		assertValid(InvoiceDocuments.creditNote());
		String xml = xml(InvoiceDocuments.creditNote());
		assertThat(xml).contains("<CreditNote ").contains("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>")
				.containsPattern("(?s)<cac:InvoiceDocumentReference>\\s*<cbc:ID>2026-000043</cbc:ID>\\s*<cbc:IssueDate>2026-12-01</cbc:IssueDate>")
				.contains("<cac:CreditNoteLine>");
	}

	@Test
	@DisplayName("BIL-1, ACC-5: a Dutch consumer invoice passes the XSD, EN 16931 and every Peppol rule but the e-mail endpoint scheme")
	void dutchConsumerInvoiceIsValidButForTheEmailEndpoint() {
		var result = PeppolBis3Validator.validate(UblInvoices.write(InvoiceDocuments.dutchConsumerInvoice()));
		// Peppol's electronic address schemes (PEPPOL-EN16931-CL008) have none for a private person
		// and, unlike EN 16931 (BR-CL-25), not EM; all other rules, the NL-R ones included, pass.
		assertThat(result.errors()).as("findings").extracting(PeppolBis3Validator.Finding::id)
				.containsExactly("PEPPOL-EN16931-CL008");
		assertThat(result.errors().get(0).location()).contains("AccountingCustomerParty").contains("EndpointID");
		assertThat(result.errors().stream().filter(f -> !f.source().equals(PeppolBis3Validator.PEPPOL))).isEmpty();
		assertThat(xml(InvoiceDocuments.dutchConsumerInvoice())).contains("<cbc:BuyerReference>K-000123</cbc:BuyerReference>");
	}

	@Test
	@DisplayName("BIL-1: an invoice to a business outside the EU (not subject to VAT, category O) is a valid Peppol BIS 3 invoice without VAT identifiers")
	void outsideEuInvoiceIsValid() {
		assertValid(InvoiceDocuments.outsideEuBusinessInvoice());
		String xml = xml(InvoiceDocuments.outsideEuBusinessInvoice());
		assertThat(xml).contains("<cbc:TaxExemptionReasonCode>VATEX-EU-O</cbc:TaxExemptionReasonCode>")
				.doesNotContain("<cac:PartyTaxScheme>").doesNotContain("<cbc:Percent>");
	}

	@Test
	@DisplayName("BIL-1: the invoice carries the Peppol identifiers, the parties' addresses, SEPA payment means with the reference, and the period")
	void invoiceMapsTheRequiredFields() {
		String xml = xml(InvoiceDocuments.dutchBusinessInvoice());
		assertThat(xml)
				.contains("<cbc:CustomizationID>" + UblInvoices.CUSTOMIZATION_ID + "</cbc:CustomizationID>")
				.contains("<cbc:ProfileID>" + UblInvoices.PROFILE_ID + "</cbc:ProfileID>")
				.contains("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>")
				.contains("<cbc:EndpointID schemeID=\"0106\">76543210</cbc:EndpointID>")
				.contains("<cbc:EndpointID schemeID=\"0106\">87654321</cbc:EndpointID>")
				.contains("<cbc:CompanyID schemeID=\"0106\">76543210</cbc:CompanyID>")
				.contains("<cbc:CompanyID>NL859123456B01</cbc:CompanyID>")
				.containsPattern("<cbc:PaymentMeansCode[^>]*>58</cbc:PaymentMeansCode>")
				.contains("<cbc:PaymentID>2026000043</cbc:PaymentID>")
				.containsPattern("(?s)<cac:PayeeFinancialAccount>\\s*<cbc:ID>NL91ABNA0417164300</cbc:ID>")
				.containsPattern("(?s)<cac:InvoicePeriod>\\s*<cbc:StartDate>2026-12-01</cbc:StartDate>\\s*<cbc:EndDate>2027-11-30</cbc:EndDate>")
				.contains("<cbc:DueDate>2026-12-15</cbc:DueDate>")
				.contains("<cbc:PayableAmount currencyID=\"EUR\">305.53</cbc:PayableAmount>");
	}

	@Test
	@DisplayName("BIL-1: a wrong total is rejected by the EN 16931 rules: the validation really runs")
	void wrongTotalIsRejected() {
		var good = InvoiceDocuments.dutchBusinessInvoice();
		var t = good.totals();
		var wrong = InvoiceDocuments.withTotals(good, new Totals(t.lineTotal(), t.taxExclusive(), t.vatTotal(),
				new BigDecimal("305.54"), t.prepaid(), new BigDecimal("305.54")));
		var result = PeppolBis3Validator.validate(UblInvoices.write(wrong));
		// BR-CO-15: total with VAT = total without VAT + VAT.
		assertThat(result.errorIds()).contains("BR-CO-15");
	}

	@Test
	@DisplayName("BIL-1: a wrong VAT amount and a missing payment account are rejected (EN 16931 and NLCIUS rules run)")
	void wrongVatAndMissingPaymentMeansAreRejected() {
		var good = InvoiceDocuments.dutchBusinessInvoice();
		var wrong = new InvoiceDocument(good.kind(), good.number(), good.issueDate(), good.dueDate(), good.period(),
				good.currency(), good.language(), null, good.paymentReference(), good.customerNumber(), good.seller(),
				good.buyer(), null, good.lines(),
				List.of(new InvoiceDocument.VatBreakdown(InvoiceDocument.VatCategory.STANDARD, new BigDecimal("21"),
						new BigDecimal("252.50"), new BigDecimal("50.00"), null)),
				new Totals(new BigDecimal("252.50"), new BigDecimal("252.50"), new BigDecimal("50.00"),
						new BigDecimal("302.50"), new BigDecimal("0.00"), new BigDecimal("302.50")),
				null);
		var result = PeppolBis3Validator.validate(UblInvoices.write(wrong));
		// BR-S-09: VAT per rate = taxable amount × rate, rounded (the rule tolerates one euro, so this
		// is three off); NL-R-007: a Dutch seller gives
		// payment means.
		assertThat(result.errorIds()).contains("BR-S-09", "NL-R-007");
	}

	@Test
	void writesToAStream() {
		var out = new ByteArrayOutputStream();
		UblInvoices.write(InvoiceDocuments.euReverseChargeInvoice(), out);
		assertThat(out.toByteArray()).isEqualTo(UblInvoices.write(InvoiceDocuments.euReverseChargeInvoice()));
	}

	private static PeppolBis3Validator.Result assertValid(InvoiceDocument document) {
		var result = PeppolBis3Validator.validate(UblInvoices.write(document));
		if (!result.errors().isEmpty()) {
			fail(document + " failed rules " + result.errorIds() + ":\n"
					+ String.join("\n", result.errors().stream().map(Object::toString).toList()));
		}
		assertThat(result.firedRules().get(PeppolBis3Validator.CEN)).as("CEN rules fired").isPositive();
		assertThat(result.firedRules().get(PeppolBis3Validator.PEPPOL)).as("Peppol rules fired").isPositive();
		System.out.println(document + ": 0 errors, " + result.findings().size() + " warnings, fired rules "
				+ result.firedRules());
		return result;
	}

	private static String xml(InvoiceDocument document) {
		return new String(UblInvoices.write(document), StandardCharsets.UTF_8);
	}
}
