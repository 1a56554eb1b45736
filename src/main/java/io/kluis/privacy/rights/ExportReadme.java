package io.kluis.privacy.rights;

import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.shared.AccountId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The human-readable index of an export, in the subject's language: for each category what it is,
 * for which purposes on which legal basis it is processed and how long it is kept, all taken from
 * the processing register, so the README says what the privacy policy says.
 */
@Component
class ExportReadme {

	/** One category as the README describes it. */
	record Row(String id, String name, String examples, List<Purpose> purposes, List<String> retention, int records,
			int files) {
	}

	record Purpose(String name, String description, String legalBasis, @Nullable String legitimateInterest) {
	}

	private final ITemplateEngine templates;

	private final ProcessingRegister register;

	ExportReadme(ITemplateEngine templates, ProcessingRegister register) {
		this.templates = templates;
		this.register = register;
	}

	String render(AccountId subject, Instant generatedAt, Locale locale, List<ExportArchive.Section> sections) {
		var context = new Context(locale);
		context.setVariable("subject", subject.toString());
		context.setVariable("generatedAt", generatedAt.atZone(ZoneId.of("Europe/Amsterdam")));
		context.setVariable("provider", register.provider());
		context.setVariable("schema", ExportArchive.SCHEMA);
		context.setVariable("rows", sections.stream().map(s -> row(s, locale)).toList());
		return templates.process("privacy/rights/export-readme", context);
	}

	private Row row(ExportArchive.Section section, Locale locale) {
		String id = section.data().category();
		var category = register.category(id);
		var purposes = register.purposes().stream().filter(p -> p.categories().contains(id))
			.map(p -> new Purpose(p.name().in(locale), p.description().in(locale), p.legalBasis().article(),
					p.legitimateInterest() == null ? null : p.legitimateInterest().in(locale)))
			.toList();
		var retention = register.retentionFor(id).stream().map(r -> r.description().in(locale)).toList();
		return new Row(ExportArchive.safe(id), category.map(c -> c.name().in(locale)).orElse(id),
				category.map(c -> c.examples().in(locale)).orElse(""), purposes, retention,
				section.data().records().size(), section.files().size());
	}
}
