package io.kluis.billing.invoices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The accountant's CSV: a buyer's name never runs as a spreadsheet formula; amounts stay numbers. */
class InvoiceCsvUnitTests {

	@Test
	@DisplayName("SEC-5: text that a spreadsheet would run as a formula is quoted, negative amounts are not")
	void formulasDefused() {
		assertThat(InvoiceCsv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
		assertThat(InvoiceCsv.cell("+31 6")).isEqualTo("'+31 6");
		assertThat(InvoiceCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(InvoiceCsv.cell("-2+3+cmd|' /C calc'!A0")).startsWith("'-2+3");
		assertThat(InvoiceCsv.cell("-12.00")).isEqualTo("-12.00");
		assertThat(InvoiceCsv.cell("12.00")).isEqualTo("12.00");
		assertThat(InvoiceCsv.cell("Jansen, J.")).isEqualTo("\"Jansen, J.\"");
	}
}
