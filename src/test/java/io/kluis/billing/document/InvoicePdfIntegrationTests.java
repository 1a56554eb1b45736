package io.kluis.billing.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisIntegrationTest;
import java.io.IOException;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The application's own {@link InvoicePdf} bean: Boot's template engine finds the template and the
 * application's message source holds the {@code i18n/billing-document} bundle the module registers.
 */
@KluisIntegrationTest
class InvoicePdfIntegrationTests {

	@Autowired
	InvoicePdf pdf;

	@Test
	@DisplayName("BIL-1, ACC-5: the application renders an invoice PDF in Dutch and English from its registered bundle")
	void rendersWithTheApplicationsMessages() throws IOException {
		assertThat(text(InvoiceDocuments.dutchConsumerInvoice())).contains("Factuurnummer 2026-000042", "Klantnummer K-000123",
				"Btw 21% over € 14,99 € 3,15", "Te betalen € 18,14").doesNotContain("??");
		assertThat(text(InvoiceDocuments.inLanguage(InvoiceDocuments.euReverseChargeInvoice(), Locale.ENGLISH)))
				.contains("Customer number K-000789", "Reverse charge: VAT is to be accounted for by the recipient")
				.doesNotContain("??");
	}

	private String text(InvoiceDocument document) throws IOException {
		try (var pdfDocument = Loader.loadPDF(pdf.render(document))) {
			return new PDFTextStripper().getText(pdfDocument).replaceAll("\\s+", " ");
		}
	}
}
