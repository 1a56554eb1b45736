package io.kluis.billing.document;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.kluis.billing.document.InvoiceDocument.Kind;
import io.kluis.billing.document.InvoiceDocument.Line;
import io.kluis.billing.document.InvoiceDocument.VatBreakdown;
import io.kluis.billing.document.InvoiceDocument.VatCategory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders an {@link InvoiceDocument} as the PDF a customer reads, in the customer's language (Dutch
 * for {@code nl}, English for every other language), from the Thymeleaf template
 * {@code billing/invoice-pdf} with openhtmltopdf: the same HTML-to-PDF stack as the Art. 30 record.
 * Texts come from the {@code i18n/billing-document} bundle. Like the e-invoice it computes nothing: it
 * formats the document's amounts, dates and quantities for the language.
 */
@Component
public class InvoicePdf {

	static final String TEMPLATE = "billing/invoice-pdf";

	private static final Locale DUTCH = Locale.forLanguageTag("nl");

	private final ITemplateEngine templates;

	private final MessageSource messages;

	public InvoicePdf(ITemplateEngine templates, MessageSource messages) {
		this.templates = templates;
		this.messages = messages;
	}

	/** The PDF of the document in its own language. */
	public byte[] render(InvoiceDocument document) {
		Locale locale = "nl".equals(document.language().getLanguage()) ? DUTCH : Locale.ENGLISH;
		var view = new View(document, locale, messages);
		String html = templates.process(TEMPLATE, new Context(locale, Map.of("doc", document, "view", view)));
		try (var out = new ByteArrayOutputStream()) {
			new PdfRendererBuilder().useFastMode().withHtmlContent(html, null).toStream(out).run();
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * What the template shows, formatted for the language: amounts with the currency symbol and the
	 * language's separators, dates written out, quantities with their unit.
	 */
	public static final class View {

		private final InvoiceDocument doc;

		private final Locale locale;

		private final MessageSource messages;

		private final DecimalFormat amount;

		private final DecimalFormat number;

		private final DateTimeFormatter date;

		View(InvoiceDocument doc, Locale locale, MessageSource messages) {
			this.doc = doc;
			this.locale = locale;
			this.messages = messages;
			var symbols = DecimalFormatSymbols.getInstance(locale.getLanguage().equals("nl") ? Locale.forLanguageTag("nl-NL") : Locale.UK);
			this.amount = new DecimalFormat("#,##0.00", symbols);
			this.number = new DecimalFormat("#,##0.####", symbols);
			this.date = DateTimeFormatter.ofPattern("d MMMM yyyy", locale);
		}

		public boolean creditNote() {
			return doc.kind() == Kind.CREDIT_NOTE;
		}

		/** Whether any VAT is reverse charged (category AE): the invoice then says so (art. 226(11a)). */
		public boolean reverseCharge() {
			return doc.vat().stream().anyMatch(v -> v.category() == VatCategory.REVERSE_CHARGE)
					|| doc.lines().stream().anyMatch(l -> l.category() == VatCategory.REVERSE_CHARGE);
		}

		public String money(BigDecimal value) {
			String symbol = Currency.getInstance(doc.currency()).getSymbol(locale);
			String formatted = amount.format(value.abs());
			return (value.signum() < 0 ? "-" : "") + symbol + " " + formatted;
		}

		public String date(@Nullable LocalDate value) {
			return value == null ? "" : date.format(value);
		}

		public String percent(BigDecimal rate) {
			return number.format(rate) + "%";
		}

		public String quantity(Line line) {
			String unit = messages.getMessage("billing.document.unit." + line.unitCode(), null, line.unitCode(), locale);
			return number.format(line.quantity()) + " " + unit;
		}

		/** The line's VAT: its rate, or the words for a category without one (reverse charge, exempt). */
		public String lineVat(Line line) {
			return switch (line.category()) {
				case STANDARD, ZERO -> percent(line.ratePercent());
				default -> messages.getMessage("billing.document.vat.category." + line.category().code(), null, locale);
			};
		}

		/** One row of the VAT breakdown, e.g. "VAT 21% on € 14.99" or "VAT reverse charged on € 49.00". */
		public String vatLabel(VatBreakdown vat) {
			String base = money(vat.taxableAmount());
			return switch (vat.category()) {
				case STANDARD, ZERO -> messages.getMessage("billing.document.vat.rate", new Object[] { percent(vat.ratePercent()), base }, locale);
				default -> messages.getMessage("billing.document.vat.other",
						new Object[] { messages.getMessage("billing.document.vat.category." + vat.category().code(), null, locale), base },
						locale);
			};
		}
	}
}
