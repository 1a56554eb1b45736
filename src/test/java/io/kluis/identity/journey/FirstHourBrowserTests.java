package io.kluis.identity.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kluis.Browser;
import io.kluis.KluisServerTest;
import io.kluis.Mailbox;
import io.kluis.TestDatabase;
import io.kluis.TestServer;
import io.kluis.identity.account.FirstAdministrator;
import io.kluis.identity.credentials.Totp;
import io.kluis.identity.credentials.TotpSecret;
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
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
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

		// 1. "On the first start Kluis prints a one-time setup link to the console"
		String setupLink = printedSetupLink();
		assertThat(setupLink).startsWith(baseUrl + "/setup?token=");
		browser.get(setupLink + "&lang=en");
		String adminEmail = "admin-" + UUID.randomUUID() + "@example.org";
		type(browser, "email", adminEmail);
		type(browser, "password", ADMIN_PASSWORD);
		browser.findElement(By.cssSelector("main form[action$='/setup'] button[type=submit]")).click();
		awaitPath(browser, "/login");
		assertThat(browser.findElement(By.id("setup-done")).getText()).contains("administrator account is created");

		// 2. "log in, and set up the authenticator app (staff must)"
		logIn(browser, adminEmail, ADMIN_PASSWORD);
		awaitPath(browser, "/panel/security/totp");
		assertThat(browser.findElements(By.cssSelector(".banner"))).as("no nudge on the page that demands it").isEmpty();
		var secret = TotpSecret.fromBase32(browser.findElement(By.id("totp-secret")).getText()).orElseThrow();
		long step = Totp.stepAt(Instant.now());
		type(browser, "code", totp.code(secret, step));
		browser.findElement(By.id("confirm-totp")).click();
		awaitElement(browser, By.id("recovery-codes"));
		logOut(browser);

		// 3. A customer registers (accepting terms that exist), verifies by mail and logs in
		String customerEmail = "first-hour-" + UUID.randomUUID() + "@example.org";
		register(browser, customerEmail);
		String link = Mailbox.link(Mailbox.awaitMail(customerEmail, 1), "/verify");
		browser.get(link);
		browser.findElement(By.id("confirm")).click();
		assertThat(awaitElement(browser, By.cssSelector(".notice")).getAttribute("class")).contains("ok");
		browser.get(baseUrl + "/login?lang=en");
		logIn(browser, customerEmail, CUSTOMER_PASSWORD);
		awaitPath(browser, "/panel");
		assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContainIgnoringCase("invoice");

		// the panel states the README's default quota (10GB) in binary units
		browser.get(baseUrl + "/panel/files");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> browser.findElement(By.id("quota-text")).getText().contains("of 10 GiB"));

		// 4. "Clients log in with HTTP Basic: the account's email and an app password"
		browser.get(baseUrl + "/panel/security");
		type(browser, "app-name", "laptop");
		browser.findElement(By.id("create-app-password")).click();
		String appPassword = awaitElement(browser, By.id("app-password-secret")).getText();
		logOut(browser);

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
		browser.get(baseUrl + "/login?lang=en");
		logIn(browser, adminEmail, ADMIN_PASSWORD);
		awaitPath(browser, "/login/second-factor");
		type(browser, "code", totp.code(secret, step + 1));
		browser.findElement(By.id("verify-code")).click();
		awaitPath(browser, "/admin");
		assertThat(browser.findElements(By.cssSelector("header a[href='/admin']"))).as("and in the header").hasSize(1);
		browser.findElement(By.cssSelector("#admin-privacy a[href='/admin/privacy/requests']")).click();
		awaitPath(browser, "/admin/privacy/requests");
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

	private void register(ChromeDriver browser, String email) {
		browser.get(baseUrl + "/register?lang=en");
		type(browser, "firstName", "Anna");
		type(browser, "lastName", "de Vries");
		type(browser, "email", email);
		type(browser, "password", CUSTOMER_PASSWORD);
		type(browser, "street", "Kerkstraat 1");
		type(browser, "postalCode", "1234 AB");
		type(browser, "city", "Utrecht");
		browser.findElement(By.cssSelector("#country option[value='NL']")).click();
		browser.executeScript("arguments[0].value = '1990-04-02'", browser.findElement(By.id("dateOfBirth")));
		String terms = browser.findElement(By.cssSelector("a[href='/terms']")).getDomProperty("href");
		browser.findElement(By.cssSelector("input[type=checkbox][name=acceptedTerms]")).click();
		browser.findElement(By.cssSelector("form[action$='/register'] button[type=submit]")).click();
		awaitPath(browser, "/register/done");
		// the terms the check box accepted exist
		browser.get(terms);
		assertThat(browser.findElement(By.id("terms-version")).getText()).startsWith("Version ");
	}

	private void logIn(ChromeDriver browser, String email, String password) {
		type(browser, "email", email);
		type(browser, "password", password);
		browser.findElement(By.id("login")).click();
	}

	private void logOut(ChromeDriver browser) {
		browser.findElement(By.cssSelector("header form[action$='/logout'] button")).click();
		awaitPath(browser, "/login");
	}

	private static void type(ChromeDriver browser, String id, String text) {
		WebElement field = browser.findElement(By.id(id));
		field.clear();
		field.sendKeys(text);
	}

	private static String path(ChromeDriver browser) {
		return URI.create(browser.getCurrentUrl()).getPath();
	}

	private static WebElement awaitElement(ChromeDriver browser, By by) {
		awaitPage(browser, () -> !browser.findElements(by).isEmpty(), by.toString());
		return browser.findElement(by);
	}

	private static void awaitPath(ChromeDriver browser, String path) {
		awaitPage(browser, () -> path(browser).equals(path), "the path " + path);
	}

	private static void awaitPage(ChromeDriver browser, Callable<Boolean> condition, String expected) {
		try {
			await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(condition);
		}
		catch (ConditionTimeoutException e) {
			String shown = browser.findElements(By.tagName("main")).stream().map(WebElement::getText).findFirst().orElse("");
			throw new AssertionError("waited for " + expected + ", but the browser is at " + browser.getCurrentUrl()
					+ " showing:\n" + shown, e);
		}
	}
}
