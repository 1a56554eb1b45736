package io.kluis.identity.web;

import io.kluis.identity.security.Authentications;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Shows the "set up a second factor" banner to logged-in users without one (ACC-3), on every page
 * but those where the second factor is set up ({@value #SECURITY_PAGES} and below): there the banner
 * would point at the page it is on, and for staff that page already demands it.
 */
@ControllerAdvice
class MfaNudgeAdvice {

	static final String SECURITY_PAGES = "/panel/security";

	@ModelAttribute("mfaNudge")
	boolean mfaNudge(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.equals(SECURITY_PAGES) || path.startsWith(SECURITY_PAGES + "/")) {
			return false;
		}
		return Authentications.current().map(account -> !account.mfa()).orElse(false);
	}
}
