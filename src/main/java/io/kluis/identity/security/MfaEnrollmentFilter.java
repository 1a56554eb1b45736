package io.kluis.identity.security;

import io.kluis.identity.account.SecuritySettings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Enforces MFA where the administrator requires it (staff by default, customers optionally): such
 * an account without a second factor can only reach the page that sets one up, until it has.
 */
class MfaEnrollmentFilter extends OncePerRequestFilter {

	static final String SETUP_PATH = "/panel/security/totp";

	private final SecuritySettings settings;

	MfaEnrollmentFilter(SecuritySettings settings) {
		this.settings = settings;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var current = Authentications.current();
		if (current.isPresent() && !current.get().mfa() && required(current.get().isStaff())
				&& !allowed(request.getRequestURI().substring(request.getContextPath().length()))) {
			response.sendRedirect(request.getContextPath() + SETUP_PATH + "?required");
			return;
		}
		chain.doFilter(request, response);
	}

	private boolean required(boolean staff) {
		var mfa = settings.mfa();
		return staff ? mfa.requiredForStaff() : mfa.requiredForCustomers();
	}

	private static boolean allowed(String path) {
		return path.startsWith(SETUP_PATH) || path.equals("/logout") || path.startsWith("/css/")
				|| path.startsWith("/js/") || path.equals("/branding.css") || path.equals("/error");
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return true;
	}
}
