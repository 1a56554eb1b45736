package io.kluis.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisServerTest;
import io.kluis.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Issue 8, section 2: every response carries the strict security headers, including the ones no
 * filter chain produced — requests the firewall refuses (an encoded backslash, an encoded slash,
 * {@code ..}, a path parameter), error pages, and bodies refused for their size.
 */
@KluisServerTest
class StrictHeadersServerTests {

	static final List<String> REQUIRED = List.of("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options",
			"Referrer-Policy", "Permissions-Policy");

	@Value("${kluis.base-url}")
	String base;

	final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	final String address = TestServer.uniqueClientAddress();

	@Test
	@DisplayName("SEC-5: requests the firewall rejects (%5C, %2F, .., ;, %25) get 400 problem documents with the strict headers")
	void firewallRejectionsAreProblemDocumentsWithTheStrictHeaders() throws Exception {
		var missing = new ArrayList<String>();
		for (String path : List.of("/dav/a%5Cb", "/dav/a%2Fb", "/api/v1/me%5C", "/panel/files%5C..", "/s/x%5Cy", "/login%3Bx=1",
				"/panel;jsessionid=1", "/api/v1/%252e%252e/me", "/css/%2e%2e/x", "/dav//files/")) {
			var response = send("GET", path, "text/html");
			if (response.statusCode() != 400 || !response.headers().firstValue("Content-Type").orElse("")
				.startsWith("application/problem+json")) {
				missing.add(path + ": " + response.statusCode() + " " + response.headers().firstValue("Content-Type"));
			}
			REQUIRED.stream().filter(h -> response.headers().firstValue(h).isEmpty())
				.forEach(h -> missing.add(path + ": no " + h));
		}
		assertThat(missing).isEmpty();
	}

	@Test
	@DisplayName("SEC-5: error pages and API errors carry the strict headers too")
	void errorPagesCarryTheStrictHeaders() throws Exception {
		var missing = new ArrayList<String>();
		for (String path : List.of("/no-such-page", "/error", "/api/v1/nope", "/privacy/nope", "/s/nope")) {
			for (String accept : List.of("text/html", "application/json")) {
				var response = send("GET", path, accept);
				assertThat(response.statusCode()).as(path).isGreaterThanOrEqualTo(300);
				REQUIRED.stream().filter(h -> response.headers().firstValue(h).isEmpty())
					.forEach(h -> missing.add(path + " (" + accept + "): " + response.statusCode() + " without " + h));
			}
		}
		assertThat(missing).isEmpty();
	}

	@Test
	@DisplayName("SEC-5: a browser form over its size limit gets the 413 error page with the strict headers")
	void anOversizeFormGetsThe413ErrorPageWithTheStrictHeaders() throws Exception {
		var response = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.header(TestServer.X_FORWARDED_FOR, address)
			.POST(BodyPublishers.ofString("email=a%40example.org&password=" + "x".repeat(70 * 1024)))
			.build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("<main");
		REQUIRED.forEach(h -> assertThat(response.headers().firstValue(h)).as(h).isPresent());
	}

	private HttpResponse<String> send(String method, String path, String accept) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Accept", accept)
			.header(TestServer.X_FORWARDED_FOR, address)
			.method(method, BodyPublishers.noBody())
			.build(), BodyHandlers.ofString());
	}
}
