package io.kluis.privacy.consent;

import io.kluis.privacy.ConsentSource;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.register.ProcessingRegister.CookieCategory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The cookie settings page ({@code /consent/cookies}, linked from every footer) and the one form
 * target of the banner and the page: {@code choice=all}, {@code none} or {@code custom} with a
 * checkbox per category. Plain forms with CSRF, so it works without JavaScript; consent.js posts the
 * same form with {@code X-Requested-With} and gets 204 instead of a redirect.
 */
@Controller
class CookieSettingsController {

	private final CookieChoices choices;

	private final ConsentCookies cookies;

	private final ProcessingRegister register;

	CookieSettingsController(CookieChoices choices, ConsentCookies cookies, ProcessingRegister register) {
		this.choices = choices;
		this.cookies = cookies;
		this.register = register;
	}

	@GetMapping("/consent/cookies")
	String settings(HttpServletRequest request, Model model) {
		var choice = cookies.choice(request);
		model.addAttribute("chosen", choice.isPresent());
		model.addAttribute("granted", choice.map(CookieChoice::describe).orElse(""));
		model.addAttribute("functional", choice.map(c -> c.allows(CookieCategory.FUNCTIONAL)).orElse(false));
		model.addAttribute("analytical", choice.map(c -> c.allows(CookieCategory.ANALYTICAL)).orElse(false));
		model.addAttribute("commercial", choice.map(c -> c.allows(CookieCategory.COMMERCIAL)).orElse(false));
		model.addAttribute("cookies", register.cookies());
		return "privacy/consent/cookies";
	}

	@PostMapping("/consent/cookies")
	ResponseEntity<Void> choose(@RequestParam String choice, @RequestParam(defaultValue = "false") boolean functional,
			@RequestParam(defaultValue = "false") boolean analytical, @RequestParam(defaultValue = "false") boolean commercial,
			@RequestParam(defaultValue = "banner") String from, @RequestParam(required = false) @Nullable String returnTo,
			@RequestHeader(name = "X-Requested-With", required = false) @Nullable String requestedWith,
			HttpServletRequest request, HttpServletResponse response) {
		Set<CookieCategory> granted = EnumSet.noneOf(CookieCategory.class);
		switch (choice) {
			case "all" -> granted.addAll(EnumSet.of(CookieCategory.FUNCTIONAL, CookieCategory.ANALYTICAL, CookieCategory.COMMERCIAL));
			case "none" -> {
			}
			case "custom" -> {
				if (functional) {
					granted.add(CookieCategory.FUNCTIONAL);
				}
				if (analytical) {
					granted.add(CookieCategory.ANALYTICAL);
				}
				if (commercial) {
					granted.add(CookieCategory.COMMERCIAL);
				}
			}
			default -> {
				return ResponseEntity.badRequest().build();
			}
		}
		choices.choose(request, response, granted,
				"settings".equals(from) ? ConsentSource.COOKIE_SETTINGS : ConsentSource.COOKIE_BANNER);
		if (requestedWith != null) {
			return ResponseEntity.noContent().build();
		}
		String target = "settings".equals(from) ? "/consent/cookies?saved" : SafeReturn.path(returnTo);
		return ResponseEntity.status(303).header("Location", request.getContextPath() + target).build();
	}
}
