package io.kluis.billing.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The invoice PDF, rendered from the real template and message bundle, shows what art. 226 of the
 * VAT directive asks for in the customer's language; its text is read back with PDFBox.
 */
class InvoicePdfUnitTests {

	private static final Locale DUTCH = Locale.forLanguageTag("nl");

	private final InvoicePdf pdf = new InvoicePdf(templateEngine(), messages());

	@Test
	@DisplayName("BIL-1, ACC-5: a Dutch consumer invoice in Dutch shows the parties, customer number, lines, VAT per rate, totals and how to pay")
	void consumerInvoiceInDutch() {
		String text = text(InvoiceDocuments.dutchConsumerInvoice());
		assertThat(text).contains("Factuur", "Factuurnummer 2026-000042", "Datum 1 december 2026",
				"Vervaldatum 15 december 2026", "Periode 1 december 2026 t/m 31 december 2026", "Klantnummer K-000123")
				.contains("Kluis Hosting B.V.", "Keizersgracht 100", "1015 AA Amsterdam (NL)", "KvK-nummer 76543210",
						"Btw-nummer NL859123456B01")
				.contains("Jan de Vries", "Oudegracht 12", "3511 AB Utrecht (NL)")
				.contains("Opslag 1 TB 1 december 2026 t/m 31 december 2026 1 maand(en) € 9,99 21% € 9,99",
						"Extra gebruiker 1 december 2026 t/m 31 december 2026 2 × € 2,50 21% € 5,00")
				.contains("Totaal exclusief btw € 14,99", "Btw 21% over € 14,99 € 3,15", "Totaal inclusief btw € 18,14",
						"Te betalen € 18,14")
				.contains("Wij verzoeken u € 18,14 vóór 15 december 2026 over te maken naar IBAN NL91ABNA0417164300 ten name van Kluis Hosting B.V., onder vermelding van betalingskenmerk 2026000042.")
				.doesNotContain("Btw verlegd", "??");
	}

	@Test
	@DisplayName("BIL-1, ACC-5: the same consumer invoice in English")
	void consumerInvoiceInEnglish() {
		String text = text(InvoiceDocuments.inLanguage(InvoiceDocuments.dutchConsumerInvoice(), Locale.ENGLISH));
		assertThat(text).contains("Invoice", "Invoice number 2026-000042", "Date 1 December 2026",
				"Due date 15 December 2026", "Period 1 December 2026 to 31 December 2026", "Customer number K-000123")
				.contains("Chamber of Commerce (KvK) no. 76543210", "VAT no. NL859123456B01")
				.contains("Opslag 1 TB 1 December 2026 to 31 December 2026 1 month(s) € 9.99 21% € 9.99",
						"Extra gebruiker 1 December 2026 to 31 December 2026 2 × € 2.50 21% € 5.00")
				.contains("Total excluding VAT € 14.99", "VAT 21% on € 14.99 € 3.15", "Total including VAT € 18.14",
						"Amount due € 18.14")
				.contains("Please transfer € 18.14 by 15 December 2026 to IBAN NL91ABNA0417164300 in the name of Kluis Hosting B.V., quoting payment reference 2026000042.")
				.doesNotContain("reverse", "??");
	}

	@Test
	@DisplayName("BIL-1, ACC-5: a Dutch business invoice shows both KvK and VAT numbers, in Dutch and English")
	void businessInvoice() {
		String nl = text(InvoiceDocuments.dutchBusinessInvoice());
		assertThat(nl).contains("Bakkerij Jansen B.V.", "KvK-nummer 87654321", "Btw-nummer NL812345678B01",
				"Klantnummer K-000456", "Hostingpakket Business 1 december 2026 t/m 30 november 2027 1 jaar € 240,00 21% € 240,00",
				"Domeinnaam bakkerij-jansen.nl 1 december 2026 t/m 30 november 2027 1 jaar € 12,50 21% € 12,50", "Btw 21% over € 252,50 € 53,03",
				"Te betalen € 305,53", "betalingskenmerk 2026000043", "BIC ABNANL2A");
		String en = text(InvoiceDocuments.inLanguage(InvoiceDocuments.dutchBusinessInvoice(), Locale.ENGLISH));
		assertThat(en).contains("VAT no. NL812345678B01", "Customer number K-000456", "VAT 21% on € 252.50 € 53.03",
				"Amount due € 305.53", "1 year(s)");
	}

	@Test
	@DisplayName("BIL-1: an EU reverse-charge invoice states that VAT is reverse charged, with the customer's VAT number, in English and Dutch")
	void reverseChargeInvoice() {
		String en = text(InvoiceDocuments.euReverseChargeInvoice());
		assertThat(en).contains("Muster Daten GmbH", "Friedrichstraße 50", "10117 Berlin (DE)", "VAT no. DE123456789",
				"Customer number K-000789", "Storage 5 TB 1 December 2026 to 31 December 2026 1 month(s) € 49.00 VAT reverse charged € 49.00",
				"VAT reverse charged on € 49.00 € 0.00", "Total VAT € 0.00", "Amount due € 49.00")
				.contains("Reverse charge: VAT is to be accounted for by the recipient (Article 196 of Council Directive 2006/112/EC). Customer VAT number: DE123456789.");
		String nl = text(InvoiceDocuments.inLanguage(InvoiceDocuments.euReverseChargeInvoice(), DUTCH));
		assertThat(nl).contains("Btw verlegd over € 49,00 € 0,00", "Klantnummer K-000789")
				.contains("Btw verlegd: de btw wordt voldaan door de afnemer (artikel 196 van Richtlijn 2006/112/EG). Btw-nummer afnemer: DE123456789.");
	}

	@Test
	@DisplayName("BIL-1: a credit note names the invoice it corrects and the amount credited, in Dutch and English")
	void creditNote() {
		String nl = text(InvoiceDocuments.creditNote());
		assertThat(nl).contains("Creditnota", "Creditnotanummer 2026-000045", "Correctie op factuur 2026-000043 van 1 december 2026",
				"Klantnummer K-000456", "Domeinnaam bakkerij-jansen.nl (niet verlengd)", "Btw 21% over € 12,50 € 2,63",
				"Gecrediteerd bedrag € 15,13", "Het bedrag van € 15,13 wordt aan u gecrediteerd")
				.doesNotContain("Vervaldatum", "Wij verzoeken u");
		String en = text(InvoiceDocuments.inLanguage(InvoiceDocuments.creditNote(), Locale.ENGLISH));
		assertThat(en).contains("Credit note", "Corrects invoice 2026-000043 of 1 December 2026", "VAT 21% on € 12.50 € 2.63",
				"Amount credited € 15.13", "set it off against invoice 2026-000043");
	}

	@Test
	@DisplayName("BIL-1: an invoice outside the scope of VAT says so per line and in the breakdown, without a reverse-charge note")
	void outsideScopeInvoice() {
		String text = text(InvoiceDocuments.outsideEuBusinessInvoice());
		assertThat(text).contains("Storage 10 TB 1 December 2026 to 31 December 2026 1 month(s) € 89.00 Not subject to VAT € 89.00",
				"Not subject to VAT on € 89.00 € 0.00", "Amount due € 89.00", "Customer number K-000999")
				.doesNotContain("Reverse charge");
	}

	@Test
	void aLanguageOtherThanDutchGetsEnglish() {
		String text = text(InvoiceDocuments.inLanguage(InvoiceDocuments.dutchConsumerInvoice(), Locale.GERMAN));
		assertThat(text).contains("Invoice number 2026-000042", "Amount due € 18.14");
	}

	private String text(InvoiceDocument document) {
		byte[] bytes = pdf.render(document);
		assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		try (var pdfDocument = Loader.loadPDF(bytes)) {
			return new PDFTextStripper().getText(pdfDocument).replaceAll("\\s+", " ");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static ResourceBundleMessageSource messages() {
		var messages = new ResourceBundleMessageSource();
		messages.setBasenames("i18n/billing-document");
		messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	static SpringTemplateEngine templateEngine() {
		var resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/");
		resolver.setSuffix(".html");
		resolver.setTemplateMode(TemplateMode.HTML);
		resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
		var engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		engine.setTemplateEngineMessageSource(messages());
		return engine;
	}
}
