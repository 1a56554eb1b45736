package io.kluis.identity.web;

import io.kluis.identity.account.CustomerRegistration;
import io.kluis.identity.account.IdentityProperties;
import io.kluis.identity.account.RegistrationRefused;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Registration (ACC-1) and the email-verification link. */
@Controller
class RegistrationController {

	private final CustomerRegistration registration;

	private final IdentityProperties properties;

	RegistrationController(CustomerRegistration registration, IdentityProperties properties) {
		this.registration = registration;
		this.properties = properties;
	}

	@ModelAttribute("countries")
	List<Countries.Country> countries(Locale locale) {
		return Countries.in(locale);
	}

	@ModelAttribute("minimumAge")
	int minimumAge() {
		return properties.minimumAge();
	}

	/** The version of the terms of service the check box accepts (and registration records). */
	@ModelAttribute("termsVersion")
	String termsVersion() {
		return registration.termsVersion();
	}

	@GetMapping("/register")
	String form(Model model) {
		model.addAttribute("form", new RegistrationForm());
		return "identity/register";
	}

	@PostMapping("/register")
	String register(@ModelAttribute("form") RegistrationForm form, BindingResult binding, HttpServletRequest request,
			Locale locale) {
		if (binding.hasErrors()) {
			return "identity/register";
		}
		try {
			registration.register(form.toRequest(), ClientAddress.of(request), supported(locale));
		}
		catch (RegistrationRefused refused) {
			Violations.bind(refused.violations(), binding);
			form.setPassword("");
			return "identity/register";
		}
		return "redirect:/register/done";
	}

	@GetMapping("/register/done")
	String done(Model model) {
		model.addAttribute("verificationDays", registration.verificationDays());
		return "identity/register-done";
	}

	@GetMapping("/verify")
	String confirmVerification(@RequestParam(defaultValue = "") String token, Model model) {
		// A GET only shows a button: mail scanners that prefetch links must not use up the token.
		model.addAttribute("token", token);
		return "identity/verify";
	}

	@PostMapping("/verify")
	String verify(@RequestParam(defaultValue = "") String token, Model model) {
		model.addAttribute("verified", registration.verify(token));
		return "identity/verified";
	}

	static Locale supported(Locale locale) {
		return "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.forLanguageTag("nl");
	}
}
