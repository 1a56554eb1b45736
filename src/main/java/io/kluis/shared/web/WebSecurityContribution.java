package io.kluis.shared.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.springframework.http.HttpMethod;

/**
 * What one module adds to the web security that identity assembles: its public pages, its public
 * stateless endpoints, its CSRF exemptions, the extra HTTP methods the firewall must let through,
 * and the paths reached with an app password. A module publishes one as a bean (see the
 * package documentation for an example); identity's security configuration collects every such
 * bean and knows no other module's paths. Everything not declared stays behind the login, with
 * CSRF, refused by the firewall if its method is unusual.
 *
 * @param owner the module (or package) declaring it, named in start-up errors and logs
 * @param publicPages browser pages anyone may see ({@code permitAll}), with session and CSRF as
 * usual (path patterns such as {@code /privacy/**})
 * @param publicEndpoints machine endpoints with no session, no cookie and so no CSRF, open to
 * anyone (a payment provider's webhook); the endpoint authenticates the call itself
 * @param csrfExemptions browser-chain requests accepted without a CSRF token, each with its reason
 * @param httpMethods HTTP methods beyond GET, HEAD, POST, PUT, DELETE, OPTIONS and PATCH
 * @param appPasswordAreas paths reached statelessly with HTTP Basic and an app password
 */
public record WebSecurityContribution(String owner, List<String> publicPages, List<Endpoint> publicEndpoints,
		List<CsrfExemption> csrfExemptions, Set<String> httpMethods, List<AppPasswordArea> appPasswordAreas) {

	public WebSecurityContribution {
		requireText(owner, "owner");
		publicPages = List.copyOf(publicPages);
		publicPages.forEach(WebSecurityContribution::requirePattern);
		publicEndpoints = List.copyOf(publicEndpoints);
		csrfExemptions = List.copyOf(csrfExemptions);
		httpMethods = Set.copyOf(httpMethods);
		httpMethods.forEach(m -> {
			if (!m.matches("[A-Z][A-Z-]*")) {
				throw new IllegalArgumentException(owner + ": not an HTTP method token: " + m);
			}
		});
		appPasswordAreas = List.copyOf(appPasswordAreas);
	}

	public static Builder builder(String owner) {
		return new Builder(owner);
	}

	/** One method on one path pattern, e.g. {@code POST /billing/webhooks/mollie}. */
	public record Endpoint(HttpMethod method, String pattern) {

		public Endpoint {
			Objects.requireNonNull(method, "method");
			requirePattern(pattern);
		}

		@Override
		public String toString() {
			return method.name() + " " + pattern;
		}
	}

	/**
	 * A request accepted without a CSRF token. The reason says what authorises it instead (a secret
	 * in the link, a signature), so a reviewer can judge the exemption where it is declared.
	 */
	public record CsrfExemption(Endpoint endpoint, String reason) {

		public CsrfExemption {
			Objects.requireNonNull(endpoint, "endpoint");
			requireText(reason, "reason");
		}
	}

	/**
	 * Paths an app password with the named scope reaches (HTTP Basic, stateless), such as WebDAV.
	 * The scope is the value identity's app passwords carry (e.g. {@code files}); an unknown scope
	 * stops the start-up.
	 */
	public record AppPasswordArea(String scope, List<String> patterns) {

		public AppPasswordArea {
			requireText(scope, "scope");
			patterns = List.copyOf(patterns);
			if (patterns.isEmpty()) {
				throw new IllegalArgumentException("an app-password area needs a path");
			}
			patterns.forEach(WebSecurityContribution::requirePattern);
		}
	}

	public static final class Builder {

		private final String owner;

		private final List<String> publicPages = new ArrayList<>();

		private final List<Endpoint> publicEndpoints = new ArrayList<>();

		private final List<CsrfExemption> csrfExemptions = new ArrayList<>();

		private final Set<String> httpMethods = new LinkedHashSet<>();

		private final List<AppPasswordArea> appPasswordAreas = new ArrayList<>();

		private Builder(String owner) {
			this.owner = owner;
		}

		/** Browser pages anyone may see; session and CSRF as on every page. */
		public Builder publicPages(String... patterns) {
			publicPages.addAll(List.of(patterns));
			return this;
		}

		/** A public, stateless endpoint: no login, no session, no CSRF (a webhook). */
		public Builder publicEndpoint(HttpMethod method, String pattern) {
			publicEndpoints.add(new Endpoint(method, pattern));
			return this;
		}

		/** A browser-chain request accepted without a CSRF token, and why that is safe. */
		public Builder csrfExemption(HttpMethod method, String pattern, String reason) {
			csrfExemptions.add(new CsrfExemption(new Endpoint(method, pattern), reason));
			return this;
		}

		/** HTTP methods the firewall must let through (e.g. WebDAV's PROPFIND). */
		public Builder httpMethods(String... methods) {
			for (String method : methods) {
				httpMethods.add(method.toUpperCase(Locale.ROOT));
			}
			return this;
		}

		/** Paths reached with an app password of this scope (HTTP Basic, stateless). */
		public Builder appPasswordArea(String scope, String... patterns) {
			appPasswordAreas.add(new AppPasswordArea(scope, List.of(patterns)));
			return this;
		}

		public WebSecurityContribution build() {
			return new WebSecurityContribution(owner, publicPages, publicEndpoints, csrfExemptions, httpMethods,
					appPasswordAreas);
		}
	}

	private static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

	private static void requirePattern(String pattern) {
		if (pattern == null || !pattern.startsWith("/")) {
			throw new IllegalArgumentException("a path pattern starts with '/': " + pattern);
		}
	}
}
