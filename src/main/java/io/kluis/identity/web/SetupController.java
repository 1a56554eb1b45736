package io.kluis.identity.web;

import io.kluis.identity.account.FirstAdministrator;
import io.kluis.identity.account.RegistrationRefused;
import io.kluis.shared.web.ConflictException;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The one-time page where the first administrator is created (link printed to the console). */
@Controller
class SetupController {

	private final FirstAdministrator administrators;

	SetupController(FirstAdministrator administrators) {
		this.administrators = administrators;
	}

	@GetMapping("/setup")
	String form(@RequestParam(defaultValue = "") String token, Model model) {
		model.addAttribute("token", token);
		model.addAttribute("valid", administrators.isSetupLinkValid(token));
		return "identity/setup";
	}

	@PostMapping("/setup")
	String create(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String email,
			@RequestParam(defaultValue = "") String password, Model model, Locale locale) {
		model.addAttribute("token", token);
		model.addAttribute("email", email);
		try {
			administrators.createFromSetupLink(token, email, password, RegistrationController.supported(locale));
			return "redirect:/login?setup";
		}
		catch (RegistrationRefused refused) {
			model.addAttribute("valid", true);
			model.addAttribute("errors", refused.violations().stream().map(v -> "error." + v.code()).toList());
			return "identity/setup";
		}
		catch (ConflictException e) {
			model.addAttribute("valid", false);
			return "identity/setup";
		}
	}
}
