package io.kluis.privacy.terms;

import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** {@code /terms}: the current terms of service, and every earlier version by its name. No login. */
@Controller
class TermsController {

	private final PublishedTerms terms;

	TermsController(PublishedTerms terms) {
		this.terms = terms;
	}

	@GetMapping("/terms")
	String current(Model model, Locale locale) {
		model.addAttribute("version", terms.current());
		model.addAttribute("html", terms.html(locale));
		model.addAttribute("earlier", false);
		return "privacy/terms";
	}

	@GetMapping("/terms/versions/{version}")
	String version(@PathVariable String version, Model model, Locale locale) {
		if (version.equals(terms.current())) {
			return "redirect:/terms";
		}
		String html = version.length() > 40 ? null : terms.html(version, locale).orElse(null);
		if (html == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		model.addAttribute("version", version);
		model.addAttribute("html", html);
		model.addAttribute("earlier", true);
		return "privacy/terms";
	}
}
