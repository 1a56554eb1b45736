package io.kluis.audit.web;

import io.kluis.audit.AuditEntry;
import io.kluis.audit.AuditQuery;
import io.kluis.audit.AuditTrail;
import io.kluis.audit.ChainVerification;
import io.kluis.shared.AccountId;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /admin/audit}: the trail, filtered by subject and code prefix, newest first, and a button to
 * verify the chain. Only administrators and the privacy officer: the trail shows who looked at whose
 * data, which other staff need not know. Verifying is a POST because it reads the whole chain (not
 * something a crawler or a prefetch should trigger); it changes nothing, so re-posting is harmless.
 */
@Controller
@RequestMapping("/admin/audit")
@PreAuthorize("hasAnyRole('ADMIN','PRIVACY_OFFICER')")
class AuditAdminController {

	static final int PAGE_SIZE = 50;

	private final AuditTrail trail;

	AuditAdminController(AuditTrail trail) {
		this.trail = trail;
	}

	@GetMapping
	String page(@RequestParam(required = false) @Nullable String subject,
			@RequestParam(required = false) @Nullable String code, @RequestParam(defaultValue = "0") int page,
			Model model) {
		show(subject, code, page, model);
		return "audit/admin";
	}

	@PostMapping("/verify")
	String verify(@RequestParam(required = false) @Nullable String subject,
			@RequestParam(required = false) @Nullable String code, Model model) {
		ChainVerification verification = trail.verify();
		model.addAttribute("verification", verification);
		show(subject, code, 0, model);
		return "audit/admin";
	}

	private void show(@Nullable String subject, @Nullable String code, int page, Model model) {
		int current = Math.min(Math.max(0, page), 1_000_000);
		AccountId subjectId = null;
		boolean subjectInvalid = false;
		if (subject != null && !subject.isBlank()) {
			try {
				subjectId = AccountId.parse(subject.strip());
			}
			catch (IllegalArgumentException e) {
				subjectInvalid = true;
			}
		}
		List<AuditEntry> entries = List.of();
		boolean hasNext = false;
		if (!subjectInvalid) {
			AuditQuery query = AuditQuery.latest()
				.aboutSubject(subjectId)
				.withCodePrefix(code == null ? null : code.strip());
			entries = trail.recent(query.page(current, PAGE_SIZE));
			// A page of one at the first entry of the next page: is there more, without counting the table.
			hasNext = entries.size() == PAGE_SIZE && !trail.recent(query.page((current + 1) * PAGE_SIZE, 1)).isEmpty();
		}
		model.addAttribute("subject", subject == null ? "" : subject);
		model.addAttribute("code", code == null ? "" : code);
		model.addAttribute("subjectInvalid", subjectInvalid);
		model.addAttribute("entries", entries);
		model.addAttribute("page", current);
		model.addAttribute("hasNext", hasNext);
	}
}
