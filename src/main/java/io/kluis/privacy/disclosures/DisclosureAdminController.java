package io.kluis.privacy.disclosures;

import io.kluis.privacy.DisclosureId;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.ConflictException;
import io.kluis.shared.web.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/privacy/disclosures}: the disclosure ledger for administrators and the privacy officer
 * (optionally one customer's), and the privacy officer's form to record a disclosure to an authority
 * (SHR-6). A refused form comes back with the rule that refused it, as a 400.
 */
@Controller
@RequestMapping("/admin/privacy/disclosures")
@PreAuthorize("hasAnyRole('ADMIN','PRIVACY_OFFICER')")
class DisclosureAdminController {

	/** Times as the privacy officer reads them: the provider's zone, named on the page. */
	static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

	private final StaffDisclosures disclosures;

	DisclosureAdminController(StaffDisclosures disclosures) {
		this.disclosures = disclosures;
	}

	@GetMapping
	String overview(@RequestParam(required = false) @Nullable String subject, Authentication authentication,
			Model model) {
		AccountId account = null;
		if (subject != null && !subject.isBlank()) {
			try {
				account = new AccountId(UUID.fromString(subject.strip()));
			}
			catch (IllegalArgumentException e) {
				throw new InvalidInputException("subject", "Enter an account id.");
			}
		}
		model.addAttribute("disclosures", disclosures.overview(account, AccountId.parse(authentication.getName())));
		model.addAttribute("subject", account == null ? "" : account.toString());
		model.addAttribute("zone", ZONE);
		return "privacy/disclosures/admin-disclosures";
	}

	@GetMapping("/new")
	@PreAuthorize("hasRole('PRIVACY_OFFICER')")
	String form(@RequestParam(defaultValue = "") String customer, Model model) {
		model.addAttribute("authorities", disclosures.authorities());
		model.addAttribute("categories", disclosures.authorityCategories());
		model.addAttribute("purposes", disclosures.purposes());
		model.addAttribute("maxLegalGround", DisclosureRules.MAX_LEGAL_GROUND);
		model.addAttribute("maxReference", DisclosureRules.MAX_REFERENCE);
		model.addAttribute("form", new Form(customer, "", Set.of(), "", "", ""));
		return "privacy/disclosures/admin-new";
	}

	@PostMapping
	@PreAuthorize("hasRole('PRIVACY_OFFICER')")
	String record(@RequestParam(defaultValue = "") String customer, @RequestParam(defaultValue = "") String recipient,
			@RequestParam(required = false) @Nullable List<String> categories,
			@RequestParam(defaultValue = "") String purpose, @RequestParam(defaultValue = "") String legalGround,
			@RequestParam(defaultValue = "") String reference, Authentication authentication, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		Set<String> sent = categories == null ? Set.of() : new LinkedHashSet<>(categories);
		try {
			DisclosureId id = disclosures.recordForAuthority(customer, recipient, sent, purpose, legalGround, reference,
					AccountId.parse(authentication.getName()));
			redirect.addFlashAttribute("recorded", id.toString());
			return "redirect:/admin/privacy/disclosures";
		}
		catch (InvalidInputException | ConflictException e) {
			response.setStatus(e instanceof ConflictException ? 409 : 400);
			form(customer, model);
			model.addAttribute("problem", e.getMessage());
			model.addAttribute("form", new Form(customer, recipient, sent, purpose, legalGround, reference));
			return "privacy/disclosures/admin-new";
		}
	}

	/** What the officer typed, shown again after a refusal. */
	record Form(String customer, String recipient, Set<String> categories, String purpose, String legalGround,
			String reference) {

		@Override
		public String toString() {
			return "Form[" + recipient + "]";
		}
	}
}
