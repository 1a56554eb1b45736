package io.kluis.newsletter;

import io.kluis.shared.AccountId;
import io.kluis.shared.web.SignedIn;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administrators compose a newsletter in Dutch and English and send it to those who agreed (CON-3). */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class NewsletterAdminController {

	static final int MAX_SUBJECT = 200;

	static final int MAX_TEXT = 20_000;

	private final SendingNewsletters sending;

	NewsletterAdminController(SendingNewsletters sending) {
		this.sending = sending;
	}

	@GetMapping("/admin/newsletter")
	public String page(Model model) {
		model.addAttribute("issues", sending.recent(20));
		return "newsletter/admin-newsletter";
	}

	@PostMapping("/admin/newsletter")
	public String send(@RequestParam(defaultValue = "") String subjectNl, @RequestParam(defaultValue = "") String textNl,
			@RequestParam(defaultValue = "") String subjectEn, @RequestParam(defaultValue = "") String textEn,
			Authentication authentication, Model model, RedirectAttributes redirect) {
		var content = new SendingNewsletters.Content(subjectNl.strip(), textNl.strip(), subjectEn.strip(), textEn.strip());
		if (!valid(content)) {
			model.addAttribute("issues", sending.recent(20));
			model.addAttribute("draft", content);
			model.addAttribute("invalid", true);
			return "newsletter/admin-newsletter";
		}
		AccountId admin = SignedIn.of(authentication).orElseThrow();
		var issue = sending.send(admin, content);
		// Flash attributes live in the JDBC session: plain serialisable values only.
		redirect.addFlashAttribute("sentRecipients", issue.recipients());
		redirect.addFlashAttribute("sentSkipped", issue.skipped());
		return "redirect:/admin/newsletter";
	}

	private static boolean valid(SendingNewsletters.Content c) {
		return ok(c.subjectNl(), MAX_SUBJECT) && ok(c.subjectEn(), MAX_SUBJECT) && ok(c.textNl(), MAX_TEXT)
				&& ok(c.textEn(), MAX_TEXT) && !c.subjectNl().contains("\n") && !c.subjectEn().contains("\n");
	}

	private static boolean ok(String value, int max) {
		return !value.isBlank() && value.length() <= max;
	}
}
