package io.kluis.identity.security;


import io.kluis.identity.account.AppPasswordScope;
import io.kluis.identity.account.IdentityProperties;
import io.kluis.identity.account.SecuritySettings;
import io.kluis.shared.web.StrictHeaders;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.PortMapper;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.session.SessionManagementFilter;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Two filter chains: the JSON API ({@code /api/**}, stateless, HTTP Basic with an app password, no
 * cookies so no CSRF) and the browser UI (form login, session cookie, CSRF on every form). Both send
 * strict security headers; production additionally redirects HTTP to HTTPS and sends HSTS.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	/** The cookie holding the CSRF token (strictly necessary; declared in the register). */
	static final String CSRF_COOKIE = "kluis_csrf";

	static final String CSP = StrictHeaders.CSP;

	static final String PERMISSIONS = StrictHeaders.PERMISSIONS;

	@Bean
	SecurityContextRepository securityContextRepository() {
		return new HttpSessionSecurityContextRepository();
	}

	/**
	 * The API calls that authenticate themselves or need no authentication: registration,
	 * verification, password reset, and creating an app password with the account password. No
	 * Basic filter here, so an account password in the header is checked by the endpoint (with MFA
	 * and throttling), never by the app-password filter.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain publicApi(HttpSecurity http, ProblemAuthenticationEntryPoint entryPoint,
			Environment environment) throws Exception {
		var post = PathPatternRequestMatcher.withDefaults();
		http.securityMatcher(new OrRequestMatcher(post.matcher(HttpMethod.POST, "/api/v1/accounts"),
				post.matcher(HttpMethod.POST, "/api/v1/accounts/verification"),
				post.matcher(HttpMethod.POST, "/api/v1/password-resets"),
				post.matcher(HttpMethod.POST, "/api/v1/password-resets/completion"),
				post.matcher(HttpMethod.POST, "/api/v1/app-passwords")))
			.authorizeHttpRequests(a -> a.anyRequest().permitAll())
			.exceptionHandling(e -> e.authenticationEntryPoint(entryPoint));
		return statelessApi(http, environment);
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, AppPasswordAuthenticationProvider appPasswords,
			ProblemAuthenticationEntryPoint entryPoint, Environment environment) throws Exception {
		http.securityMatcher("/api/**", "/dav", "/dav/**")
			.authorizeHttpRequests(a -> a
				// An app password reaches only what its scopes grant (AppPasswordScope).
				.requestMatchers("/dav", "/dav/**").access(accountWith(AppPasswordScope.FILES))
				.requestMatchers(HttpMethod.GET, "/api/**").access(accountWith(AppPasswordScope.API_READ, AppPasswordScope.API_WRITE))
				.requestMatchers(HttpMethod.HEAD, "/api/**").access(accountWith(AppPasswordScope.API_READ, AppPasswordScope.API_WRITE))
				.anyRequest().access(accountWith(AppPasswordScope.API_WRITE)))
			.authenticationManager(new ProviderManager(appPasswords))
			.httpBasic(b -> b.authenticationEntryPoint(entryPoint))
			.exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(entryPoint));
		return statelessApi(http, environment);
	}

	/** A customer or staff account whose app password has one of these scopes. */
	private static AuthorizationManager<RequestAuthorizationContext> accountWith(AppPasswordScope... scopes) {
		return AuthorizationManagers.allOf(AuthorityAuthorizationManager.hasAnyRole("CUSTOMER", "STAFF"),
				AuthorityAuthorizationManager.hasAnyAuthority(
						Arrays.stream(scopes).map(AppPasswordScope::authority).toArray(String[]::new)));
	}

	/** API chains keep no session and set no cookie, so there is nothing for CSRF to protect. */
	private static SecurityFilterChain statelessApi(HttpSecurity http, Environment environment) throws Exception {
		http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(c -> c.disable())
			.requestCache(r -> r.disable());
		headers(http, environment);
		return http.build();
	}

	/**
	 * Share links ({@code /s/**}, STO-2): public, no login. The password form carries a CSRF token
	 * like every form; the token in the path is a capability, so these pages never send a referrer.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain shareLinkPages(HttpSecurity http, Environment environment) throws Exception {
		http.securityMatcher("/s/**")
			.authorizeHttpRequests(a -> a.anyRequest().permitAll())
			.csrf(c -> c.csrfTokenRepository(csrfTokens()))
			.requestCache(r -> r.disable());
		headers(http, environment);
		http.headers(h -> h.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain web(HttpSecurity http, AccountAuthenticationProvider passwordProvider,
			LoginHandlers handlers, SecurityContextRepository contexts, IdentityProperties properties,
			SecuritySettings settings, Environment environment, Clock clock, ListableBeanFactory beans) throws Exception {
		http.authorizeHttpRequests(a -> a
				.requestMatchers("/", "/register", "/register/done", "/verify", "/login", "/login/forgot",
						"/login/reset", "/unlock", "/setup", "/email/confirm", "/privacy", "/privacy/**", "/terms", "/terms/**", "/newsletter/**",
						"/consent/**", "/requests/**", "/error",
						"/css/**", "/js/**", "/vendor/**", "/img/**", "/branding.css", "/favicon.ico", "/actuator/health/**",
						"/v3/api-docs", "/v3/api-docs/**")
				.permitAll()
				.requestMatchers("/login/second-factor").hasAuthority(MfaPendingAuthentication.AUTHORITY)
				.requestMatchers("/admin/**").hasRole("STAFF")
				// Actuator endpoints other than health describe the installation, not a customer's data.
				.requestMatchers("/actuator/**").hasRole("ADMIN")
				// a page that does not exist is a 404 for everyone (see UnmappedPages for what stays hidden)
				.requestMatchers(new UnmappedPages(beans)).permitAll()
				.anyRequest().hasAnyRole("CUSTOMER", "STAFF"))
			.authenticationManager(new ProviderManager(passwordProvider))
			.securityContext(c -> c.securityContextRepository(contexts))
			.formLogin(f -> f.loginPage("/login")
				.loginProcessingUrl("/login")
				.usernameParameter("email")
				.passwordParameter("password")
				.authenticationDetailsSource(LoginDetails::new)
				.successHandler(handlers)
				.failureHandler(handlers)
				.permitAll())
			.logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").deleteCookies(
					"__Host-" + SessionConfiguration.COOKIE, SessionConfiguration.COOKIE))
			.sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
			// RFC 8058 one-click unsubscribe: mail clients POST without a session; the link's secret authorises it.
			// The CSRF token lives in a cookie (HttpOnly, SameSite=Strict; the page's form carries the masked
			// copy), so an anonymous page view creates no session row; sessions start at login.
			.csrf(c -> c.csrfTokenRepository(csrfTokens())
				.ignoringRequestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/newsletter/unsubscribe")))
			.exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
					(request, response, ex) -> response.sendError(HttpServletResponse.SC_UNAUTHORIZED),
					request -> MediaType.APPLICATION_JSON_VALUE.equals(request.getHeader("Accept")))
				.accessDeniedHandler(SecurityConfiguration::forbiddenPage))
			.addFilterBefore(new AbsoluteSessionTimeoutFilter(properties.session().absoluteTimeout(), clock),
					SessionManagementFilter.class)
			.addFilterAfter(new MfaEnrollmentFilter(settings), BasicAuthenticationFilter.class);
		headers(http, environment);
		return http.build();
	}

	private static CookieCsrfTokenRepository csrfTokens() {
		var tokens = new CookieCsrfTokenRepository();
		tokens.setCookieName(CSRF_COOKIE);
		tokens.setCookiePath("/");
		// the header the panel's scripts send (dav.js falls back to it where a page names none)
		tokens.setHeaderName("X-CSRF-TOKEN");
		tokens.setCookieCustomizer(cookie -> cookie.httpOnly(true).sameSite("Strict"));
		return tokens;
	}

	/**
	 * The 403 page rendered in the request itself (a forward to the error page), not by the servlet
	 * container's error dispatch after the security filters have finished: there the logged-in user
	 * was no longer known and the page showed a visitor's navigation.
	 */
	private static void forbiddenPage(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException denied) throws IOException, ServletException {
		if (response.isCommitted()) {
			return;
		}
		if (MediaType.APPLICATION_JSON_VALUE.equals(request.getHeader("Accept"))) {
			response.sendError(HttpServletResponse.SC_FORBIDDEN);
			return;
		}
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, HttpServletResponse.SC_FORBIDDEN);
		request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		request.getRequestDispatcher("/error").forward(request, response);
	}

	private static void headers(HttpSecurity http, Environment environment) throws Exception {
		boolean production = environment.acceptsProfiles(Profiles.of("prod"));
		http.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
			.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
			.permissionsPolicyHeader(p -> p.policy(PERMISSIONS))
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
			// Plain HTTP is redirected to HTTPS on the standard port (the public address behind a TLS
			// proxy), except health probes: load balancers and orchestrators ask over plain HTTP, and
			// the answer carries nothing personal.
			http.setSharedObject(PortMapper.class, HTTPS_ON_443);
			http.redirectToHttps(r -> r.requestMatchers(request -> !request.getRequestURI().startsWith("/actuator/health")));
		}
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

	/**
	 * The default firewall, but with the WebDAV methods (RFC 4918) allowed: the storage module
	 * serves them at {@code /dav/}. Everything else the strict firewall refuses stays refused.
	 */
	@Bean
	HttpFirewall httpFirewall() {
		var firewall = new StrictHttpFirewall();
		firewall.setAllowedHttpMethods(List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "PROPFIND",
				"PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK"));
		return firewall;
	}

	@Bean
	AuthenticationManager authenticationManager(AccountAuthenticationProvider passwordProvider) {
		return new ProviderManager(passwordProvider);
	}
}
