package io.kluis.identity.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kluis.Browser;
import io.kluis.BrowserPage;
import io.kluis.KluisServerTest;
import io.kluis.TestDatabase;
import io.kluis.TestServer;
import io.kluis.identity.account.FirstAdministrator;
import io.kluis.identity.credentials.Totp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * Acceptance 6 of issue 8: a provider's first hour, walked in Chromium exactly as the README
 * describes it, on an installation of its own (a fresh database: no administrator yet). The setup
 * link printed on the console creates the first administrator, who must set up the authenticator
 * app; a customer registers, verifies by mail, creates an app password and uses the README's WebDAV
 * address {@code /dav/files/} with a real WebDAV client request; the administrator then finds the
 * privacy request queue by clicking from {@code /admin}.
 */
@KluisServerTest
@TestPropertySource(properties = TestDatabase.OWN_SCHEMA + "=true")
@ExtendWith(Browser.class)
@Tag("browser")
class FirstHourBrowserTests {

	static final String ADMIN_PASSWORD = "lantern orchard pebble compass";

	static final String CUSTOMER_PASSWORD = "glacier tulip harbour violin";

	/** The README's example address, which the walk replaces by this server's. */
	static final String README_BASE = "https://panel.example.nl";

	@Value("${kluis.base-url}")
	String baseUrl;

	@Autowired
	FirstAdministrator firstAdministrator;

	final Totp totp = new Totp();

	@Test
	@DisplayName("the README's first hour: setup link → administrator with TOTP → a customer registers and verifies → "
			+ "WebDAV at the README's /dav/files/ with an app password → staff find the request queue from /admin")
	void theReadmesFirstHour(ChromeDriver browser) throws Exception {
		Browser.sendHeader(browser, TestServer.X_FORWARDED_FOR, TestServer.uniqueClientAddress());
		var page = new BrowserPage(browser, baseUrl, Duration.ofSeconds(15));

		// 1. "On the first start Kluis prints a one-time setup link to the console"
		String setupLink = printedSetupLink();
		assertThat(setupLink).startsWith(baseUrl + "/setup?token=");
		browser.get(setupLink + "&lang=en");
		String adminEmail = "admin-" + UUID.randomUUID() + "@example.org";
		page.type("email", adminEmail);
		page.type("password", ADMIN_PASSWORD);
		browser.findElement(By.cssSelector("main form[action$='/setup'] button[type=submit]")).click();
		page.awaitPath("/login");
		assertThat(browser.findElement(By.id("setup-done")).getText()).contains("administrator account is created");

		// 2. "log in, and set up the authenticator app (staff must)"
		page.logIn(adminEmail, ADMIN_PASSWORD);
		page.awaitPath("/panel/security/totp");
		assertThat(browser.findElements(By.cssSelector(".banner"))).as("no nudge on the page that demands it").isEmpty();
		var enrolment = page.confirmTotp(totp);
		page.logOut();

		// 3. A customer registers (accepting terms that exist), verifies by mail and logs in
		String customerEmail = "first-hour-" + UUID.randomUUID() + "@example.org";
		register(page, customerEmail);
		page.verifyByMail(customerEmail);
		page.open("/login?lang=en");
		page.logIn(customerEmail, CUSTOMER_PASSWORD);
		page.awaitPath("/panel");
		assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContainIgnoringCase("invoice");

		// the panel states the README's default quota (10GB) in binary units
		page.open("/panel/files");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> browser.findElement(By.id("quota-text")).getText().contains("of 10 GiB"));

		// 4. "Clients log in with HTTP Basic: the account's email and an app password"
		page.open("/panel/security");
		page.type("app-name", "laptop");
		browser.findElement(By.id("create-app-password")).click();
		String appPassword = page.awaitElement(By.id("app-password-secret")).getText();
		page.logOut();

		String readmeUrl = readmeWebDavUrl();
		assertThat(readmeUrl).isEqualTo(README_BASE + "/dav/files/");
		String davUrl = baseUrl + readmeUrl.substring(README_BASE.length());
		var dav = HttpClient.newHttpClient();
		String basic = "Basic " + Base64.getEncoder()
			.encodeToString((customerEmail + ":" + appPassword).getBytes(StandardCharsets.UTF_8));
		await().atMost(Duration.ofSeconds(10)).until(() -> send(dav, davUrl, basic, "PROPFIND", "").statusCode() == 207);
		assertThat(send(dav, davUrl + "first-hour.txt", basic, "PUT", "hello from the README").statusCode()).isEqualTo(201);
		var get = send(dav, davUrl + "first-hour.txt", basic, "GET", null);
		assertThat(get.statusCode()).isEqualTo(200);
		assertThat(get.body()).isEqualTo("hello from the README");
		assertThat(send(dav, davUrl, basic, "PROPFIND", "").body()).contains("first-hour.txt");

		// 5. Staff find the privacy request queue by clicking from /admin
		page.open("/login?lang=en");
		page.logIn(adminEmail, ADMIN_PASSWORD);
		page.awaitPath("/login/second-factor");
		page.enterSecondFactor(totp.code(enrolment.secret(), enrolment.step() + 1));
		page.awaitPath("/admin");
		assertThat(browser.findElements(By.cssSelector("header a[href='/admin']"))).as("and in the header").hasSize(1);
		browser.findElement(By.cssSelector("#admin-privacy a[href='/admin/privacy/requests']")).click();
		page.awaitPath("/admin/privacy/requests");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Privacy requests");
		Browser.screenshot(browser, "first-hour-request-queue");
	}

	/** What {@code offerSetupLink} prints on the console of an installation without an administrator. */
	private String printedSetupLink() {
		var console = new ByteArrayOutputStream();
		PrintStream original = System.out;
		System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
		try {
			firstAdministrator.offerSetupLink();
		}
		finally {
			System.setOut(original);
		}
		var m = Pattern.compile("(http\\S+/setup\\?token=\\S+)").matcher(console.toString(StandardCharsets.UTF_8));
		assertThat(m.find()).as("a setup link on the console:%n%s", console).isTrue();
		return m.group(1);
	}

	/** The address the README's Windows, macOS and davfs2 instructions give a new customer. */
	private static String readmeWebDavUrl() throws Exception {
		Path readme = Path.of("README.md");
		String text = Files.readString(readme);
		var m = Pattern.compile("`net use K: (\\S+) /user:").matcher(text);
		assertThat(m.find()).as("the README's Windows instruction").isTrue();
		assertThat(text).contains("*Connect to Server…* (⌘K), `" + m.group(1) + "`")
			.contains("echo '" + m.group(1) + " you@example.org APP-PASSWORD'");
		return m.group(1);
	}

	private static HttpResponse<String> send(HttpClient client, String url, String basic, String method, String body)
			throws Exception {
		var request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", basic).timeout(Duration.ofSeconds(30));
		if ("PROPFIND".equals(method)) {
			request.header("Depth", "1");
		}
		request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Registers with every field filled in, and checks that the terms the check box accepted exist. */
	private static void register(BrowserPage page, String email) {
		page.fillRegistration(email, CUSTOMER_PASSWORD);
		String terms = page.browser().findElement(By.cssSelector("a[href='/terms']")).getDomProperty("href");
		page.submitRegistration();
		page.browser().get(terms);
		assertThat(page.browser().findElement(By.id("terms-version")).getText()).startsWith("Version ");
	}
}
