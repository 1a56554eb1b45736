package io.kluis.identity.web;

import io.kluis.identity.security.Authentications;
import io.kluis.identity.security.DeviceCookies;
import io.kluis.identity.security.MfaPendingAuthentication;
import io.kluis.identity.security.SecondFactorLogin;
import io.kluis.identity.security.SessionDetails;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The login page and the second-factor step (the form POST itself is handled by Spring Security). */
@Controller
class LoginController {

	private final SecondFactorLogin secondFactor;

	private final SecurityContextRepository contexts;

	private final Clock clock;

	private final DeviceCookies deviceCookies;

	LoginController(SecondFactorLogin secondFactor, SecurityContextRepository contexts, Clock clock,
			DeviceCookies deviceCookies) {
		this.deviceCookies = deviceCookies;
		this.secondFactor = secondFactor;
		this.contexts = contexts;
		this.clock = clock;
	}

	@GetMapping("/login")
	String login(Authentication authentication) {
		if (Authentications.current().isPresent()) {
			return "redirect:/panel";
		}
		return "identity/login";
	}

	@GetMapping("/login/second-factor")
	String secondFactorForm() {
		return "identity/second-factor";
	}

	@PostMapping("/login/second-factor")
	String secondFactor(@RequestParam(defaultValue = "") String code, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		var pending = (MfaPendingAuthentication) authentication;
		var account = secondFactor.complete(pending.account(), code.strip(), ClientAddress.of(request),
				pending.trustedDevice());
		if (account.isEmpty()) {
			model.addAttribute("failed", true);
			return "identity/second-factor";
		}
		// Now fully authenticated: a new session id, so one seen before this step is worthless.
		request.changeSessionId();
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(Authentications.full(account.get()));
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
		SessionDetails.record(request, clock.millis());
		deviceCookies.issue(response, account.get().id());
		return account.get().isStaff() ? "redirect:/admin" : "redirect:/panel";
	}
}
