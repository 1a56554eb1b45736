package io.kluis.identity.security;


import io.kluis.identity.account.AppPasswordScope;
import io.kluis.identity.account.IdentityProperties;
import io.kluis.identity.account.SecuritySettings;
import io.kluis.shared.web.BrowserSecurity;
import io.kluis.shared.web.WebSecurityContribution;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
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
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.session.SessionManagementFilter;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Assembles the filter chains from every module's {@link WebSecurityContribution}; identity knows
 * no other module's paths. In order: public stateless endpoints (identity's registration calls,
 * contributed webhooks: no session, no CSRF), the JSON API ({@code /api/**}) and the contributed
 * app-password areas (WebDAV: stateless, HTTP Basic with an app password, no cookies so no CSRF),
 * the chains modules declare themselves ({@link BrowserSecurity#MODULE_CHAIN_ORDER}, e.g. share
 * links), and the browser UI (form login, session cookie, CSRF on every form but the contributed
 * exemptions). Every chain sends the strict headers of {@link BrowserSecurity}; production
 * additionally redirects HTTP to HTTPS and sends HSTS.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	/** The methods every browser and API client uses; modules add theirs (WebDAV) by contribution. */
	static final List<String> STANDARD_METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");

	@Bean
	SecurityContextRepository securityContextRepository() {
		return new HttpSessionSecurityContextRepository();
	}

	/**
	 * The calls that authenticate themselves or need no authentication, as the modules declare them
	 * (identity: registration, verification, password reset, creating an app password with the
	 * account password; later billing's payment webhooks). No Basic filter here, so an account
	 * password in the header is checked by the endpoint (with MFA and throttling), never by the
	 * app-password filter.
	 */
	@Bean
	@Order(BrowserSecurity.PUBLIC_ENDPOINTS_ORDER)
	SecurityFilterChain publicApi(HttpSecurity http, ProblemAuthenticationEntryPoint entryPoint,
			Environment environment, List<WebSecurityContribution> contributions) throws Exception {
		var matchers = PathPatternRequestMatcher.withDefaults();
		List<RequestMatcher> endpoints = contributions.stream()
			.flatMap(c -> c.publicEndpoints().stream())
			.<RequestMatcher>map(e -> matchers.matcher(e.method(), e.pattern()))
			.toList();
		RequestMatcher matcher = endpoints.isEmpty() ? request -> false : new OrRequestMatcher(endpoints);
		http.securityMatcher(matcher)
			.authorizeHttpRequests(a -> a.anyRequest().permitAll())
			.exceptionHandling(e -> e.authenticationEntryPoint(entryPoint));
		return statelessApi(http, environment);
	}

	@Bean
	@Order(BrowserSecurity.APP_PASSWORD_ORDER)
	SecurityFilterChain api(HttpSecurity http, AppPasswordAuthenticationProvider appPasswords,
			ProblemAuthenticationEntryPoint entryPoint, Environment environment,
			List<WebSecurityContribution> contributions) throws Exception {
		var areas = contributions.stream().flatMap(c -> c.appPasswordAreas().stream()).toList();
		List<String> paths = new ArrayList<>(List.of("/api/**"));
		areas.forEach(area -> paths.addAll(area.patterns()));
		http.securityMatcher(paths.toArray(String[]::new))
			.authorizeHttpRequests(a -> {
				// An app password reaches only what its scopes grant (AppPasswordScope).
				for (var area : areas) {
					a.requestMatchers(area.patterns().toArray(String[]::new))
						.access(accountWith(AppPasswordScope.parse(area.scope())));
				}
				a.requestMatchers(HttpMethod.GET, "/api/**").access(accountWith(AppPasswordScope.API_READ, AppPasswordScope.API_WRITE))
					.requestMatchers(HttpMethod.HEAD, "/api/**").access(accountWith(AppPasswordScope.API_READ, AppPasswordScope.API_WRITE))
					.anyRequest().access(accountWith(AppPasswordScope.API_WRITE));
			})
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
		BrowserSecurity.strictHeaders(http, environment);
		return http.build();
	}

	@Bean
	@Order(BrowserSecurity.BROWSER_ORDER)
	SecurityFilterChain web(HttpSecurity http, AccountAuthenticationProvider passwordProvider,
			LoginHandlers handlers, SecurityContextRepository contexts, IdentityProperties properties,
			SecuritySettings settings, Environment environment, Clock clock, ListableBeanFactory beans,
			List<WebSecurityContribution> contributions) throws Exception {
		String[] publicPages = contributions.stream().flatMap(c -> c.publicPages().stream()).distinct()
			.toArray(String[]::new);
		var matchers = PathPatternRequestMatcher.withDefaults();
		var exemptions = contributions.stream().flatMap(c -> c.csrfExemptions().stream()).toList();
		exemptions.forEach(e -> log.info("event=csrf.exemption endpoint=\"{}\" reason=\"{}\"", e.endpoint(), e.reason()));
		RequestMatcher exempt = exemptions.isEmpty() ? request -> false
				: new OrRequestMatcher(exemptions.stream()
					.<RequestMatcher>map(e -> matchers.matcher(e.endpoint().method(), e.endpoint().pattern()))
					.toList());
		http.authorizeHttpRequests(a -> a
				.requestMatchers(publicPages)
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
			// The modules' exemptions (each with its reason, logged at start-up); the token lives in a cookie.
			.csrf(c -> c.csrfTokenRepository(BrowserSecurity.csrfTokens()).ignoringRequestMatchers(exempt))
			.exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
					(request, response, ex) -> response.sendError(HttpServletResponse.SC_UNAUTHORIZED),
					request -> MediaType.APPLICATION_JSON_VALUE.equals(request.getHeader("Accept")))
				.accessDeniedHandler(SecurityConfiguration::forbiddenPage))
			.addFilterBefore(new AbsoluteSessionTimeoutFilter(properties.session().absoluteTimeout(), clock),
					SessionManagementFilter.class)
			.addFilterAfter(new MfaEnrollmentFilter(settings), BasicAuthenticationFilter.class);
		BrowserSecurity.strictHeaders(http, environment);
		return http.build();
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

	/**
	 * The default firewall, but with the methods the modules declare allowed as well (storage's
	 * WebDAV methods, RFC 4918). Everything else the strict firewall refuses stays refused.
	 */
	@Bean
	HttpFirewall httpFirewall(List<WebSecurityContribution> contributions) {
		Set<String> methods = new LinkedHashSet<>(STANDARD_METHODS);
		contributions.forEach(c -> methods.addAll(c.httpMethods()));
		var firewall = new StrictHttpFirewall();
		firewall.setAllowedHttpMethods(List.copyOf(methods));
		return firewall;
	}

	@Bean
	AuthenticationManager authenticationManager(AccountAuthenticationProvider passwordProvider) {
		return new ProviderManager(passwordProvider);
	}
}
