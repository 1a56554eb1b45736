package io.kluis.billing.invoices;

import io.kluis.billing.document.InvoiceDocument;
import io.kluis.billing.document.InvoiceDocument.VatBreakdown;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The accountant's CSV (RFC 4180, comma separated, CRLF, UTF-8): one row per document, amounts with a
 * point and two decimals, credit notes with negative amounts so that a column sums to the turnover.
 * Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
 */
final class InvoiceCsv {

	static final List<String> HEADER = List.of("number", "type", "issue_date", "due_date", "customer_number",
			"buyer_name", "buyer_country", "buyer_vat_number", "buyer_kvk", "corrects_invoice", "vat_category",
			"vat_rate", "net", "vat", "gross");

	private InvoiceCsv() {
	}

	static String of(List<InvoiceDocument> documents) {
		var out = new StringBuilder(String.join(",", HEADER)).append("\r\n");
		for (var d : documents) {
			boolean credit = d.kind() == InvoiceDocument.Kind.CREDIT_NOTE;
			String sign = credit ? "-" : "";
			String categories = d.vat().stream().map(v -> v.category().code()).distinct().collect(Collectors.joining("/"));
			String rates = d.vat().stream().map(VatBreakdown::ratePercent).map(r -> r.toPlainString()).distinct()
				.collect(Collectors.joining("/"));
			List<String> row = List.of(d.number(), credit ? "credit_note" : "invoice", d.issueDate().toString(),
					d.dueDate() == null ? "" : d.dueDate().toString(), d.customerNumber(), d.buyer().name(),
					d.buyer().countryCode(), nullToEmpty(d.buyer().vatNumber()), nullToEmpty(d.buyer().companyId()),
					d.precedingInvoice() == null ? "" : d.precedingInvoice().number(), categories, rates,
					signed(sign, d.totals().taxExclusive().toPlainString()), signed(sign, d.totals().vatTotal().toPlainString()),
					signed(sign, d.totals().taxInclusive().toPlainString()));
			out.append(row.stream().map(InvoiceCsv::cell).collect(Collectors.joining(","))).append("\r\n");
		}
		return out.toString();
	}

	private static String signed(String sign, String amount) {
		return amount.startsWith("-") || sign.isEmpty() || "0.00".equals(amount) ? amount : sign + amount;
	}

	private static final java.util.regex.Pattern AMOUNT = java.util.regex.Pattern.compile("-\\d+(\\.\\d+)?");

	static String cell(String value) {
		String v = value;
		// a text cell that a spreadsheet would run as a formula is quoted with an apostrophe; amounts
		// (a credit note's are negative) stay numbers
		if (!v.isEmpty() && ("=+@\t\r".indexOf(v.charAt(0)) >= 0 || v.charAt(0) == '-' && !AMOUNT.matcher(v).matches())) {
			v = "'" + v;
		}
		if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
			v = "\"" + v.replace("\"", "\"\"") + "\"";
		}
		return v;
	}

	private static String nullToEmpty(String value) {
		return value == null ? "" : value;
	}
}
