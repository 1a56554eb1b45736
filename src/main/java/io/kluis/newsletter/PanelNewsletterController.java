package io.kluis.newsletter;

import io.kluis.identity.AccountDetails;
import io.kluis.identity.AccountLookup;
import io.kluis.privacy.ConsentSource;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.SignedIn;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The newsletter in the customer's panel: the current state, signing up (still confirmed by mail,
 * like every sign-up: the proof of consent is the owner's click) and unsubscribing in one step.
 */
@Controller
class PanelNewsletterController {

	private final Newsletter newsletter;

	private final AccountLookup accounts;

	PanelNewsletterController(Newsletter newsletter, AccountLookup accounts) {
		this.newsletter = newsletter;
		this.accounts = accounts;
	}

	@GetMapping("/panel/newsletter")
	String page(@RequestParam(required = false) @Nullable String refused, Authentication authentication, Model model) {
		AccountDetails contact = contact(authentication);
		model.addAttribute("refused", reason(refused));
		model.addAttribute("subscription", newsletter.current(contact.id()).orElse(null));
		model.addAttribute("email", contact.email().value());
		model.addAttribute("language", NewsletterController.language(contact.language().getLanguage()));
		return "newsletter/panel-newsletter";
	}

	@PostMapping("/panel/newsletter")
	String subscribe(@RequestParam(defaultValue = "") String language, Authentication authentication,
			HttpServletRequest request) {
		AccountDetails contact = contact(authentication);
		try {
			newsletter.request(contact.email(), Locale.forLanguageTag(NewsletterController.language(language)),
					contact.id(), ConsentSource.PANEL, request.getRemoteAddr());
		}
		catch (SubscriptionRefused e) {
			return "redirect:/panel/newsletter?refused=" + e.reason().code();
		}
		return "redirect:/panel/newsletter?requested";
	}

	/** Only a known reason code reaches the template (it picks the message by it). */
	private static @Nullable String reason(@Nullable String code) {
		for (var reason : SubscriptionRefused.Reason.values()) {
			if (reason.code().equals(code)) {
				return code;
			}
		}
		return null;
	}

	@PostMapping("/panel/newsletter/withdraw")
	String withdraw(Authentication authentication) {
		AccountId account = SignedIn.of(authentication)
			.orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.FORBIDDEN));
		newsletter.withdrawFor(account, ConsentSource.PANEL);
		return "redirect:/panel/newsletter?withdrawn";
	}

	private AccountDetails contact(Authentication authentication) {
		return SignedIn.of(authentication)
			.flatMap(accounts::find)
			.orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.FORBIDDEN));
	}
}
