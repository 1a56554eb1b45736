package io.kluis.privacy.web;

import io.kluis.privacy.policy.Art30Pdf;
import io.kluis.privacy.policy.Art30Record;
import io.kluis.privacy.policy.PolicyText;
import io.kluis.privacy.policy.PublishedPolicy;
import io.kluis.privacy.policy.RegisterDiff;
import io.kluis.privacy.policy.RegisterVersion;
import io.kluis.privacy.policy.RegisterVersions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * For the administrator and the privacy officer: the published versions of the register with what
 * changed between each and the one before (POL-1), and the Art. 30 record as CSV and PDF.
 */
@Controller
@RequestMapping("/admin/privacy")
@PreAuthorize("hasAnyRole('ADMIN','PRIVACY_OFFICER')")
class PolicyAdminController {

	/** A version and what changed since the one before it (nothing for the first). */
	record VersionWithChanges(RegisterVersion version, List<RegisterDiff.Change> changes, boolean first) {
	}

	private final PublishedPolicy policy;

	private final RegisterVersions versions;

	private final MessageSource messages;

	private final Art30Pdf pdf;

	private final Clock clock;

	PolicyAdminController(PublishedPolicy policy, RegisterVersions versions, MessageSource messages, Art30Pdf pdf,
			Clock clock) {
		this.clock = clock;
		this.policy = policy;
		this.versions = versions;
		this.messages = messages;
		this.pdf = pdf;
	}

	@GetMapping("/versions")
	String versions(Model model) {
		List<RegisterVersion> all = versions.all();
		List<VersionWithChanges> rows = new ArrayList<>();
		for (int i = all.size() - 1; i >= 0; i--) {
			rows.add(new VersionWithChanges(all.get(i), i == 0 ? List.of() : RegisterDiff.between(all.get(i - 1), all.get(i)),
					i == 0));
		}
		model.addAttribute("versions", rows);
		model.addAttribute("current", policy.current());
		return "privacy/policy/admin-versions";
	}

	@GetMapping("/art30.csv")
	ResponseEntity<byte[]> art30Csv(Locale locale) {
		var text = new PolicyText(policy.register(), messages, locale);
		List<String> header = List.of("purposeId", "purpose", "description", "legalBasis", "legitimateInterest",
				"categoryId", "category", "special", "subjects", "recipients", "transfers", "retention").stream()
			.map(column -> messages.getMessage("privacy.policy.art30.column." + column, null, column, text.locale()))
			.toList();
		String csv = Art30Record.csv(rows(text), header);
		return download(csv.getBytes(StandardCharsets.UTF_8), new MediaType("text", "csv", StandardCharsets.UTF_8),
				"art30-" + today() + ".csv");
	}

	@GetMapping("/art30.pdf")
	ResponseEntity<byte[]> art30Pdf(Locale locale) {
		var text = new PolicyText(policy.register(), messages, locale);
		byte[] document = pdf.render("privacy/policy/art30-pdf", text.locale(), Map.of("register", policy.register(),
				"version", policy.current(), "text", text, "rows", rows(text), "today", today()));
		return download(document, MediaType.APPLICATION_PDF, "art30-" + today() + ".pdf");
	}

	private List<Art30Record.Row> rows(PolicyText text) {
		return Art30Record.rows(policy.register(), text,
				messages.getMessage("privacy.policy.art30.noTransfers", null, "none", text.locale()));
	}

	private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String filename) {
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(body);
	}

	private LocalDate today() {
		return LocalDate.now(clock.withZone(RegisterVersion.ZONE));
	}
}
