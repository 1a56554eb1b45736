package io.kluis.privacy.policy;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders an HTML template to PDF with openhtmltopdf (pure Java on PDFBox: no browser, no native
 * binaries, works offline). The template must be well-formed XHTML; openhtmltopdf's built-in fonts
 * cover the Latin-1 characters Dutch needs.
 */
@Component
public class Art30Pdf {

	private final ITemplateEngine templates;

	Art30Pdf(ITemplateEngine templates) {
		this.templates = templates;
	}

	public byte[] render(String template, Locale locale, Map<String, Object> model) {
		var context = new Context(locale, model);
		String html = templates.process(template, context);
		try (var out = new ByteArrayOutputStream()) {
			new PdfRendererBuilder().useFastMode().withHtmlContent(html, null).toStream(out).run();
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
