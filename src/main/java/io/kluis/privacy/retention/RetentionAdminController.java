package io.kluis.privacy.retention;

import io.kluis.privacy.Evidence;
import io.kluis.privacy.register.ProcessingRegister;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /admin/retention}: the register's retention rules as the engine applies them, a dry run for
 * a chosen date with what each rule would remove, and the latest evidence records. Administrators
 * and the privacy officer only. The dry run is a POST: it counts across whole tables, nothing a
 * crawler or prefetch should set off; it deletes nothing, so re-posting is harmless.
 */
@Controller
@RequestMapping("/admin/retention")
@PreAuthorize("hasAnyRole('ADMIN','PRIVACY_OFFICER')")
class RetentionAdminController {

	static final int EVIDENCE_SHOWN = 30;

	/** A rule as the page lists it, texts in the reader's language. */
	record Rule(String id, String category, String categoryName, String module, String trigger, String period,
			String description, @Nullable String legalHold) {
	}

	private final RetentionEngine engine;

	private final ProcessingRegister register;

	private final Evidence evidence;

	private final RetentionProperties properties;

	private final Clock clock;

	RetentionAdminController(RetentionEngine engine, ProcessingRegister register, Evidence evidence,
			RetentionProperties properties, Clock clock) {
		this.engine = engine;
		this.register = register;
		this.evidence = evidence;
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping
	String page(Model model, Locale locale) {
		show(model, locale, today());
		return "privacy/retention/admin";
	}

	@PostMapping("/dry-run")
	String dryRun(@RequestParam(defaultValue = "") String asOf, Model model, Locale locale,
			HttpServletResponse response) {
		LocalDate date;
		try {
			date = LocalDate.parse(asOf.strip());
		}
		catch (DateTimeParseException e) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("asOfInvalid", true);
			show(model, locale, asOf);
			return "privacy/retention/admin";
		}
		model.addAttribute("preview", engine.run(date.atStartOfDay(properties.zone()).toInstant(), true));
		show(model, locale, date.toString());
		return "privacy/retention/admin";
	}

	private void show(Model model, Locale locale, String asOf) {
		model.addAttribute("asOf", asOf);
		model.addAttribute("zone", properties.zone().getId());
		model.addAttribute("rules", engine.rules().stream()
			.map(r -> new Rule(r.id(), r.category(),
					register.category(r.category()).map(c -> c.name().in(locale)).orElse(r.category()), engine.module(r),
					r.trigger().name().toLowerCase(Locale.ROOT), r.period().toString(), r.description().in(locale),
					r.isLegalHold() ? r.legalHold().in(locale) : null))
			.toList());
		List<Evidence.Entry> records = evidence.recent(EVIDENCE_SHOWN * 4).stream()
			.filter(e -> e.kind() == Evidence.Kind.RETENTION)
			.limit(EVIDENCE_SHOWN)
			.toList();
		model.addAttribute("evidence", records);
		model.addAttribute("cron", properties.cron());
	}

	private String today() {
		return LocalDate.now(clock.withZone(properties.zone())).toString();
	}
}
