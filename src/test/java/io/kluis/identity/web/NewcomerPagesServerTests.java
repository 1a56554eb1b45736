package io.kluis.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisServerTest;
import io.kluis.Mailbox;
import io.kluis.TestServer;
import io.kluis.identity.TestAccounts;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;

/**
 * Issue 8, section 4, what a newcomer stumbled over on a real server: the 403 page, unknown URLs,
 * the confirmation after set-up, and the provider's name in the API documentation and mails.
 */
@KluisServerTest
class NewcomerPagesServerTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Value("${kluis.base-url}")
	String baseUrl;

	@Autowired
	ApplicationContext context;

	@Test
	@DisplayName("SEC-4: the 403 page a customer gets under /admin shows the logged-in navigation (log out), not the visitor's")
	void forbiddenPageShowsTheLoggedInNavigation() throws Exception {
		var customer = TestAccounts.in(context).verified();
		var browser = new Client();
		assertThat(browser.logIn(customer.email(), customer.password())).isTrue();
		var forbidden = browser.get("/admin");
		assertThat(forbidden.statusCode()).isEqualTo(403);
		assertThat(nav(forbidden.body())).contains("action=\"/logout\"", "href=\"/panel\"").doesNotContain("href=\"/register\"");
	}

	@Test
	@DisplayName("an unknown URL is a 404 page for everyone; under /panel and /admin a visitor is still sent to log in, "
			+ "so those answers do not tell which pages exist")
	void unknownUrlsAreNotFound() throws Exception {
		var visitor = new Client();
		for (String path : new String[] { "/no-such-page", "/foo/bar", "/privacyx", "/terms/x/y" }) {
			var response = visitor.get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.body()).as(path).contains("<main");
		}
		for (String path : new String[] { "/panel", "/panel/no-such-page", "/admin/no-such-page", "/admin/customers" }) {
			var response = visitor.get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(302);
			assertThat(response.headers().firstValue("Location").orElse("")).as(path).endsWith("/login");
		}
		assertThat(visitor.get("/login").statusCode()).isEqualTo(200);

		var customer = TestAccounts.in(context).verified();
		var browser = new Client();
		assertThat(browser.logIn(customer.email(), customer.password())).isTrue();
		assertThat(browser.get("/no-such-page").statusCode()).isEqualTo(404);
		assertThat(browser.get("/panel/no-such-page").statusCode()).isEqualTo(404);
		assertThat(browser.get("/admin/no-such-page").statusCode()).as("the same as an existing staff page").isEqualTo(403);
		assertThat(browser.get("/admin/customers").statusCode()).isEqualTo(403);
	}

	@Test
	@DisplayName("/login?setup, where creating the first administrator leads, confirms that it was created")
	void loginAfterSetupConfirms() throws Exception {
		var page = new Client().get("/login?setup");
		assertThat(page.body()).contains("id=\"setup-done\"").contains("The first administrator account is created.");
		assertThat(new Client().get("/login").body()).doesNotContain("id=\"setup-done\"");
	}

	@Test
	@DisplayName("the API documentation and the mails carry the provider's name from the processing register, "
			+ "and the documentation says its sizes are binary")
	void providerNameInApiDocsAndMails() throws Exception {
		var docs = new Client().get("/v3/api-docs").body();
		assertThat(docs).contains("\"title\":\"Voorbeeld Hosting B.V. API\"").contains("\"version\":\"v1\"")
			.doesNotContain("OpenAPI definition").contains("1 GiB = 1 024 MiB");

		String email = TestAccounts.uniqueEmail("brand");
		var response = new Client().post("/api/v1/accounts", "{\"email\":\"" + email + "\",\"password\":\"" + TestAccounts.PASSWORD
				+ "\",\"firstName\":\"Anna\",\"lastName\":\"de Vries\",\"street\":\"Kerkstraat 1\",\"postalCode\":\"1234 AB\","
				+ "\"city\":\"Utrecht\",\"country\":\"NL\",\"dateOfBirth\":\"1990-04-02\",\"acceptedTerms\":true,\"language\":\"en\"}");
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(Mailbox.awaitMail(email, 1).getSubject())
			.isEqualTo("Confirm your email address for Voorbeeld Hosting B.V.");
	}

	@Test
	@DisplayName("SEC-4: anonymous page views create no session (the CSRF token is a cookie); a login then starts one and works")
	void anonymousPageViewsCreateNoSession() throws Exception {
		var jdbc = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
		var customer = TestAccounts.in(context).verified();
		long before = sessions(jdbc);
		var visitor = new Client();
		for (int i = 0; i < 20; i++) {
			for (String path : new String[] { "/", "/login", "/register", "/privacy", "/terms", "/login/reset", "/no-such-page" }) {
				var page = visitor.get(path);
				assertThat(page.headers().allValues("Set-Cookie")).as(path).noneMatch(c -> c.contains("KLUIS_SESSION"));
			}
		}
		assertThat(sessions(jdbc)).as("session rows after 140 anonymous page views").isEqualTo(before);
		assertThat(visitor.logIn(customer.email(), customer.password())).as("login with the cookie's CSRF token").isTrue();
		assertThat(sessions(jdbc)).isEqualTo(before + 1);
		assertThat(new Client().logInWithoutToken(customer.email(), customer.password())).as("a login form without the token")
			.isEqualTo(403);
	}

	private static long sessions(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		return jdbc.sql("select count(*) from spring_session").query(Long.class).single();
	}

	private static String nav(String page) {
		return page.substring(page.indexOf("<header"), page.indexOf("</header>"));
	}

	/** A browser-like client: cookies, the CSRF token of the last page, no redirects followed. */
	final class Client {

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		private final String address = TestServer.uniqueClientAddress();

		private String csrf = "";

		HttpResponse<String> get(String path) throws IOException, InterruptedException {
			var response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
			var m = CSRF.matcher(response.body());
			if (m.find()) {
				csrf = m.group(1);
			}
			return response;
		}

		HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
			return http.send(request(path).header("Content-Type", "application/json").setHeader("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
		}

		boolean logIn(String email, String password) throws IOException, InterruptedException {
			get("/login");
			String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
					+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
			var response = http.send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 302 && response.headers().firstValue("Location").orElse("").endsWith("/panel");
		}

		int logInWithoutToken(String email, String password) throws IOException, InterruptedException {
			get("/login");
			String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
					+ URLEncoder.encode(password, StandardCharsets.UTF_8);
			return http.send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
		}

		private HttpRequest.Builder request(String path) {
			return HttpRequest.newBuilder(URI.create(baseUrl + path))
				.timeout(Duration.ofSeconds(30))
				.header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
				.header("Accept-Language", "en")
				.header(TestServer.X_FORWARDED_FOR, address);
		}
	}
}
