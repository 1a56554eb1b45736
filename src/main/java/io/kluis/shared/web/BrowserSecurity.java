package io.kluis.shared.web;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.PortMapper;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * What every security filter chain shares, whichever module declares it: the strict headers
 * (SEC-5; HSTS and the redirect to HTTPS in production), the CSRF token cookie, and the order in
 * which chains are consulted. A module that needs its own chain (storage's share links) builds it
 * with these, so its answers carry the same headers as every other page.
 */
public final class BrowserSecurity {

	/** The cookie holding the CSRF token (strictly necessary; declared in the register). */
	public static final String CSRF_COOKIE = "kluis_csrf";

	/** Public stateless endpoints: identity's registration calls, contributed webhooks. */
	public static final int PUBLIC_ENDPOINTS_ORDER = 0;

	/** The JSON API and the app-password areas (WebDAV). */
	public static final int APP_PASSWORD_ORDER = 1;

	/**
	 * Chains a module declares for its own paths (share links). They come before the browser chain,
	 * which matches everything; their matchers must not overlap each other's.
	 */
	public static final int MODULE_CHAIN_ORDER = 2;

	/** The browser UI: form login, session, CSRF. Matches every request the others did not. */
	public static final int BROWSER_ORDER = 3;

	private BrowserSecurity() {
	}

	/**
	 * The strict headers on every answer of the chain; in the {@code prod} profile also HSTS (a year,
	 * with sub-domains) and a redirect from plain HTTP to HTTPS on port 443, except health probes:
	 * load balancers and orchestrators ask over plain HTTP, and the answer carries nothing personal.
	 */
	public static void strictHeaders(HttpSecurity http, Environment environment) throws Exception {
		boolean production = environment.acceptsProfiles(Profiles.of("prod"));
		http.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(StrictHeaders.CSP))
			.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
			.permissionsPolicyHeader(p -> p.policy(StrictHeaders.PERMISSIONS))
			.frameOptions(f -> f.deny())
			.httpStrictTransportSecurity(s -> {
				if (production) {
					s.includeSubDomains(true).maxAgeInSeconds(31_536_000);
				}
				else {
					s.disable();
				}
			}));
		if (production) {
			http.setSharedObject(PortMapper.class, HTTPS_ON_443);
			http.redirectToHttps(r -> r.requestMatchers(request -> !request.getRequestURI().startsWith("/actuator/health")));
		}
	}

	/**
	 * CSRF tokens in a cookie (HttpOnly, SameSite=Strict; the page's form carries the masked copy),
	 * so an anonymous page view creates no session row; sessions start at login. Scripts send the
	 * token in {@code X-CSRF-TOKEN}.
	 */
	public static CookieCsrfTokenRepository csrfTokens() {
		var tokens = new CookieCsrfTokenRepository();
		tokens.setCookieName(CSRF_COOKIE);
		tokens.setCookiePath("/");
		// the header the panel's scripts send (dav.js falls back to it where a page names none)
		tokens.setHeaderName("X-CSRF-TOKEN");
		tokens.setCookieCustomizer(cookie -> cookie.httpOnly(true).sameSite("Strict"));
		return tokens;
	}

	/** Any port's HTTPS counterpart is 443: Kluis's own port is never the public one in production. */
	private static final PortMapper HTTPS_ON_443 = new PortMapper() {
		@Override
		public Integer lookupHttpPort(Integer httpsPort) {
			return 80;
		}

		@Override
		public Integer lookupHttpsPort(Integer httpPort) {
			return 443;
		}
	};
}
