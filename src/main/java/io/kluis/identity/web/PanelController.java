package io.kluis.identity.web;

import io.kluis.identity.CurrentAccount;
import io.kluis.identity.account.PersonalDataManagement;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The public home page and the customer's panel home. */
@Controller
class PanelController {

	private final PersonalDataManagement personalData;

	PanelController(PersonalDataManagement personalData) {
		this.personalData = personalData;
	}

	@GetMapping("/")
	String home() {
		return "identity/home";
	}

	@GetMapping("/panel")
	String panel(@AuthenticationPrincipal CurrentAccount current, Model model) {
		model.addAttribute("account", personalData.view(current.id()));
		return "identity/panel";
	}
}
