package io.kluis.identity.security;

import io.kluis.identity.CurrentAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.stereotype.Component;

/**
 * Where the login form goes next: the second-factor step, the page the user wanted, or their home;
 * and on failure one generic message (only after a correct password may it say "verify your email
 * first" or "blocked").
 */
@Component
class LoginHandlers implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

	private final HttpSessionRequestCache requestCache = new HttpSessionRequestCache();

	private final Clock clock;

	private final DeviceCookies deviceCookies;

	LoginHandlers(Clock clock, DeviceCookies deviceCookies) {
		this.clock = clock;
		this.deviceCookies = deviceCookies;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		if (authentication instanceof MfaPendingAuthentication) {
			response.sendRedirect(request.getContextPath() + "/login/second-factor");
			return;
		}
		SessionDetails.record(request, clock.millis());
		if (authentication.getPrincipal() instanceof CurrentAccount account) {
			deviceCookies.issue(response, account.id());
		}
		response.sendRedirect(targetAfterLogin(request, response, authentication));
	}

	String targetAfterLogin(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
		var saved = requestCache.getRequest(request, response);
		if (saved != null && "GET".equals(saved.getMethod())) {
			requestCache.removeRequest(request, response);
			return saved.getRedirectUrl();
		}
		boolean staff = authentication.getPrincipal() instanceof CurrentAccount account && account.isStaff();
		return request.getContextPath() + (staff ? "/admin" : "/panel");
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (exception.getCause() instanceof io.kluis.shared.web.BusyException busy) {
			response.setHeader("Retry-After", Long.toString(busy.retryAfter().toSeconds()));
			response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			return;
		}
		String query = AccountAuthenticationProvider.isUnverified(exception) ? "unverified"
				: exception instanceof DisabledException ? "blocked" : "error";
		response.sendRedirect(request.getContextPath() + "/login?" + query);
	}
}
