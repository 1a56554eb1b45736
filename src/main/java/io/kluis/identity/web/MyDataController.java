package io.kluis.identity.web;

import io.kluis.identity.CurrentAccount;
import io.kluis.identity.account.Account;
import io.kluis.identity.account.PersonalData;
import io.kluis.identity.account.PersonalDataManagement;
import io.kluis.identity.account.RegistrationRefused;
import java.time.LocalDate;
import java.util.Locale;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The my-data page: see and correct personal data (RIG-2), change the email address with re-verification. */
@Controller
class MyDataController {

	private final PersonalDataManagement personalData;

	MyDataController(PersonalDataManagement personalData) {
		this.personalData = personalData;
	}

	@GetMapping("/panel/my-data")
	String show(@AuthenticationPrincipal CurrentAccount current, Model model, Locale locale) {
		Account account = personalData.view(current.id());
		model.addAttribute("account", account);
		model.addAttribute("personal", account.personal());
		model.addAttribute("countries", Countries.in(locale));
		return "identity/my-data";
	}

	@PostMapping("/panel/my-data")
	String correct(@AuthenticationPrincipal CurrentAccount current, @RequestParam String firstName,
			@RequestParam String lastName, @RequestParam String street, @RequestParam String postalCode,
			@RequestParam String city, @RequestParam String country,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dateOfBirth,
			@RequestParam(defaultValue = "") String phone, @RequestParam(defaultValue = "") String companyName,
			@RequestParam(defaultValue = "nl") String language, Model model, Locale locale,
			RedirectAttributes redirect) {
		var change = new PersonalDataManagement.PersonalDataChange(firstName, lastName, street, postalCode, city, country,
				dateOfBirth, phone, companyName, RegistrationController.supported(Locale.forLanguageTag(language)));
		try {
			var changed = personalData.correct(current.id(), change, current.id());
			redirect.addFlashAttribute("saved", !changed.isEmpty());
			return "redirect:/panel/my-data";
		}
		catch (RegistrationRefused refused) {
			model.addAttribute("errors", refused.violations());
			Account account = personalData.view(current.id());
			model.addAttribute("account", account);
			model.addAttribute("personal", new PersonalData(firstName, lastName, street, postalCode, city, country,
					dateOfBirth, phone, companyName));
			model.addAttribute("countries", Countries.in(locale));
			return "identity/my-data";
		}
	}

	@PostMapping("/panel/my-data/email")
	String changeEmail(@AuthenticationPrincipal CurrentAccount current, @RequestParam(defaultValue = "") String email,
			RedirectAttributes redirect) {
		try {
			personalData.requestEmailChange(current.id(), email);
			redirect.addFlashAttribute("emailSent", true);
		}
		catch (RegistrationRefused refused) {
			redirect.addFlashAttribute("emailInvalid", true);
		}
		return "redirect:/panel/my-data";
	}

	@GetMapping("/email/confirm")
	String confirmForm(@RequestParam(defaultValue = "") String token, Model model) {
		model.addAttribute("token", token);
		return "identity/confirm-email";
	}

	@PostMapping("/email/confirm")
	String confirm(@RequestParam(defaultValue = "") String token, Model model) {
		model.addAttribute("token", "");
		model.addAttribute("confirmed", personalData.confirmEmailChange(token));
		return "identity/confirm-email";
	}
}
