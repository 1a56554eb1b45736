package io.kluis.newsletter;

import io.kluis.identity.AccountDetails;
import io.kluis.identity.AccountLookup;
import io.kluis.privacy.ConsentSource;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import io.kluis.shared.web.SignedIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public newsletter pages (no login): sign up, confirm from the mail (a page with a button, so a
 * mail scanner fetching the link confirms nothing), and unsubscribe. {@code POST /newsletter/unsubscribe}
 * is the RFC 8058 one-click endpoint: it works without session or CSRF token (the secret in the
 * link is the authorisation), so mail clients can call it; {@code GET} shows a confirm page.
 */
@Controller
class NewsletterController {

	private final Newsletter newsletter;

	private final AccountLookup accounts;

	NewsletterController(Newsletter newsletter, AccountLookup accounts) {
		this.newsletter = newsletter;
		this.accounts = accounts;
	}

	@GetMapping("/newsletter")
	String form(@Nullable Authentication authentication, Model model, Locale locale) {
		Optional<AccountDetails> contact = SignedIn.of(authentication).flatMap(accounts::find);
		model.addAttribute("email", contact.map(c -> c.email().value()).orElse(""));
		model.addAttribute("language", contact.map(c -> c.language().getLanguage()).orElse(language(locale.getLanguage())));
		return "newsletter/newsletter";
	}

	@PostMapping("/newsletter")
	String subscribe(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String language,
			@Nullable Authentication authentication, HttpServletRequest request, HttpServletResponse response,
			Model model, Locale locale) {
		if (!EmailAddress.isValid(email)) {
			response.setStatus(400);
			model.addAttribute("email", email.length() > 254 ? "" : email);
			model.addAttribute("language", language(language));
			model.addAttribute("invalidEmail", true);
			return "newsletter/newsletter";
		}
		EmailAddress address = EmailAddress.of(email);
		// Linked to the account only when it is the logged-in person's own address.
		AccountId account = SignedIn.of(authentication)
			.filter(id -> accounts.find(id).map(c -> c.email().equals(address)).orElse(false))
			.orElse(null);
		try {
			newsletter.request(address, Locale.forLanguageTag(language(language.isEmpty() ? locale.getLanguage() : language)),
					account, ConsentSource.WEB_FORM, request.getRemoteAddr());
		}
		catch (SubscriptionRefused refused) {
			// Only for the logged-in holder's own address: anyone else learns nothing about an address.
			response.setStatus(409);
			model.addAttribute("email", address.value());
			model.addAttribute("language", language(language));
			model.addAttribute("refused", refused.reason().code());
			return "newsletter/newsletter";
		}
		return "newsletter/newsletter-sent";
	}

	@GetMapping("/newsletter/confirm")
	String confirmPage(@RequestParam(defaultValue = "") String token, Model model, HttpServletResponse response) {
		boolean valid = newsletter.isConfirmationValid(token);
		if (!valid) {
			response.setStatus(404);
		}
		model.addAttribute("token", token);
		model.addAttribute("valid", valid);
		return "newsletter/newsletter-confirm";
	}

	@PostMapping("/newsletter/confirm")
	String confirm(@RequestParam(defaultValue = "") String token, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		boolean confirmed = newsletter.confirm(token, request.getRemoteAddr()).isPresent();
		if (!confirmed) {
			response.setStatus(404);
		}
		model.addAttribute("confirmed", confirmed);
		return "newsletter/newsletter-confirmed";
	}

	@GetMapping("/newsletter/unsubscribe")
	String unsubscribePage(@RequestParam(defaultValue = "") String token, Model model, HttpServletResponse response) {
		var subscription = newsletter.byUnsubscribeSecret(token);
		if (subscription.isEmpty()) {
			response.setStatus(404);
		}
		model.addAttribute("token", token);
		model.addAttribute("known", subscription.isPresent());
		model.addAttribute("active", subscription.map(Subscription::isActive).orElse(false));
		return "newsletter/newsletter-unsubscribe";
	}

	/** RFC 8058: {@code List-Unsubscribe=One-Click} in the body; the token is in the URL's query. */
	@PostMapping("/newsletter/unsubscribe")
	String unsubscribe(@RequestParam(defaultValue = "") String token, HttpServletResponse response, Model model) {
		boolean known = newsletter.unsubscribe(token);
		if (!known) {
			response.setStatus(404);
		}
		model.addAttribute("known", known);
		return "newsletter/newsletter-unsubscribed";
	}

	static String language(@Nullable String language) {
		return "en".equals(language) ? "en" : "nl";
	}
}
