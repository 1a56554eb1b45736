package io.kluis.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers every response carries (SEC-5). The security filter chains send them for
 * everything they handle; the few answers given before a chain runs (a request the firewall
 * refuses, a body over its limit) set them here, so no response leaves without them.
 */
public final class StrictHeaders {

	/** No inline script or style, nothing from other origins, no framing. */
	public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
			+ "form-action 'self'";

	/** Browser features no Kluis page uses. */
	public static final String PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

	/** A year, with sub-domains, as the production chains send it. */
	public static final String HSTS = "max-age=31536000 ; includeSubDomains";

	private StrictHeaders() {
	}

	/**
	 * Sets the headers the chains would have sent. HSTS only in production and over HTTPS, like the
	 * chains (a browser ignores it over plain HTTP).
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, boolean production) {
		response.setHeader("Content-Security-Policy", CSP);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("X-XSS-Protection", "0");
		response.setHeader("Referrer-Policy", "same-origin");
		response.setHeader("Permissions-Policy", PERMISSIONS);
		response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
		response.setHeader("Pragma", "no-cache");
		response.setHeader("Expires", "0");
		if (production && request.isSecure()) {
			response.setHeader("Strict-Transport-Security", HSTS);
		}
	}

	/**
	 * Writes a bare RFC 9457 problem document with the strict headers: for refusals that happen
	 * before Spring MVC (and its problem-detail handling) is reached.
	 */
	public static void problem(HttpServletRequest request, HttpServletResponse response, boolean production, int status,
			String title, String detail) throws java.io.IOException {
		response.resetBuffer();
		response.setStatus(status);
		write(request, response, production);
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
					+ detail + "\"}");
	}
}
