package io.kluis.identity.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kluis.Browser;
import io.kluis.KluisServerTest;
import io.kluis.Mailbox;
import io.kluis.TestServer;
import io.kluis.identity.credentials.Totp;
import io.kluis.identity.credentials.TotpSecret;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Value;

/**
 * Acceptance item 2 of the foundation issue, in a real browser: Debian Chromium against the running
 * server, mail through real SMTP (GreenMail). The steps are those of a customer; the assertions are
 * what the customer (and an attacker) can observe: pages, mails, cookies and HTTP answers.
 */
@KluisServerTest
@ExtendWith(Browser.class)
@Tag("browser")
class CustomerJourneyBrowserTests {

	static final String PASSWORD = "glacier tulip harbour violin";

	static final String SESSION_COOKIE = "KLUIS_SESSION";

	@Value("${kluis.base-url}")
	String baseUrl;

	final String clientAddress = TestServer.uniqueClientAddress();

	final Totp totp = new Totp();

	@Test
	@DisplayName("ACC-1, ACC-2, ACC-3: in a browser a customer registers, verifies by mail, logs in, turns on TOTP, "
			+ "logs in with it, and creates and revokes an app password")
	void customerWalksFromRegistrationToARevokedAppPassword(ChromeDriver browser) {
		Browser.sendHeader(browser, TestServer.X_FORWARDED_FOR, clientAddress);
		String email = "walk-" + UUID.randomUUID() + "@example.org";

		register(browser, email);
		verifyByMail(browser, email);

		open(browser, "/login");
		assertThat(browser.manage().getCookieNamed(SESSION_COOKIE)).as("an anonymous page view starts no session").isNull();
		Cookie csrf = browser.manage().getCookieNamed("kluis_csrf");
		assertThat(csrf).as("the login form's CSRF token lives in a cookie").isNotNull();
		assertThat(csrf.isHttpOnly()).isTrue();
		// a session planted before login (session fixation) must not survive it: the server answers
		// an unknown session id by ignoring it, and a real pre-login session gets a new id at login
		browser.manage().addCookie(new Cookie(SESSION_COOKIE, "planted-by-an-attacker", "/"));
		logIn(browser, email);
		awaitPath(browser, "/panel");
		Cookie loggedIn = browser.manage().getCookieNamed(SESSION_COOKIE);
		assertThat(loggedIn.getValue()).as("a new session id at login (no session fixation)").isNotEqualTo("planted-by-an-attacker");
		Cookie csrfAfter = browser.manage().getCookieNamed("kluis_csrf");
		assertThat(csrfAfter == null ? null : csrfAfter.getValue()).as("a new CSRF token at login").isNotEqualTo(csrf.getValue());
		assertThat(loggedIn.isHttpOnly()).as("scripts cannot read the session cookie").isTrue();
		assertThat(loggedIn.getSameSite()).isEqualTo("Lax");
		assertThat(browser.findElements(By.cssSelector(".banner"))).as("the nudge to set up a second factor").hasSize(1);

		open(browser, "/panel/my-data");
		assertThat(value(browser, "firstName")).isEqualTo("Anna");
		assertThat(value(browser, "dateOfBirth")).isEqualTo("1990-04-02");

		Enrolment enrolment = enableTotp(browser);
		TotpSecret secret = enrolment.secret();
		long enrolmentStep = enrolment.step();
		List<String> recoveryCodes = browser.findElements(By.cssSelector("#recovery-codes li")).stream()
			.map(WebElement::getText)
			.toList();
		assertThat(recoveryCodes).hasSize(10).doesNotHaveDuplicates();
		assertThat(browser.findElements(By.cssSelector(".banner"))).as("no nudge once MFA is on").isEmpty();

		var api = new ApiClient(baseUrl, clientAddress);
		var withSession = api.with("Cookie", SESSION_COOKIE + "=" + browser.manage().getCookieNamed(SESSION_COOKIE).getValue());
		assertThat(withSession.get("/panel").status()).isEqualTo(200);
		browser.findElement(By.cssSelector("header form[action$='/logout'] button")).click();
		awaitPath(browser, "/login");
		assertThat(browser.getCurrentUrl()).endsWith("?logout");
		assertThat(withSession.get("/panel").status()).as("logout ends the session on the server too").isEqualTo(401);
		open(browser, "/panel/security");
		awaitPath(browser, "/login");

		logIn(browser, email);
		awaitPath(browser, "/login/second-factor");
		Cookie passwordStep = browser.manage().getCookieNamed(SESSION_COOKIE);
		// The code confirmed at enrolment is burnt: replaying it is refused.
		enterSecondFactor(browser, totp.code(secret, enrolmentStep));
		awaitElement(browser, By.cssSelector(".notice.bad"));
		assertThat(path(browser)).isEqualTo("/login/second-factor");
		// The next step's code is valid now: the server accepts one step either side for clock drift, so
		// the test need not wait up to 30 seconds for the next step to begin.
		enterSecondFactor(browser, totp.code(secret, enrolmentStep + 1));
		awaitPath(browser, "/panel");
		assertThat(browser.manage().getCookieNamed(SESSION_COOKIE).getValue())
			.as("another new session id once fully authenticated").isNotEqualTo(passwordStep.getValue());
		assertThat(browser.findElements(By.cssSelector(".banner"))).isEmpty();

		String appPassword = createAppPassword(browser, "laptop webdav");
		var me = api.as(email, appPassword).get("/api/v1/me");
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("email").asString()).isEqualTo(email);
		assertThat(me.json().get("mfa").asBoolean()).isTrue();

		open(browser, "/panel/security");
		assertThat(browser.findElement(By.id("mfa-status")).getText()).endsWith("Recovery codes left: 10.");
		Browser.screenshot(browser, "security");
		revokeAppPassword(browser, "laptop webdav");
		assertThat(browser.findElements(By.xpath("//td[text()='laptop webdav']"))).isEmpty();
		assertThat(api.as(email, appPassword).get("/api/v1/me").status()).as("revoked at once").isEqualTo(401);
	}

	@Test
	@DisplayName("ACC-2: pages with personal data send a visitor without a session to the login page")
	void personalDataPagesNeedALogin(ChromeDriver browser) {
		for (String page : List.of("/panel", "/panel/my-data", "/panel/security")) {
			open(browser, page);
			awaitPath(browser, "/login");
		}
	}

	@Test
	@DisplayName("?lang=nl and ?lang=en switch the interface language, and the choice is remembered")
	void languageSwitchesBetweenDutchAndEnglish(ChromeDriver browser) {
		open(browser, "/login?lang=nl");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Inloggen");
		assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("nl");
		open(browser, "/register");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Account aanmaken");

		open(browser, "/login?lang=en");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Log in");
		open(browser, "/register");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Create your account");
	}

	private void register(ChromeDriver browser, String email) {
		open(browser, "/register?lang=en");
		type(browser, "firstName", "Anna");
		type(browser, "lastName", "de Vries");
		type(browser, "email", email);
		type(browser, "password", PASSWORD);
		type(browser, "street", "Kerkstraat 1");
		type(browser, "postalCode", "1234 AB");
		type(browser, "city", "Utrecht");
		browser.findElement(By.cssSelector("#country option[value='NL']")).click();
		// A date input's typing format follows the browser's locale; setting the value is locale-free.
		browser.executeScript("arguments[0].value = '1990-04-02'", browser.findElement(By.id("dateOfBirth")));
		browser.findElement(By.cssSelector("input[type=checkbox][name=acceptedTerms]")).click();
		Browser.screenshot(browser, "register");
		browser.findElement(By.cssSelector("form[action$='/register'] button[type=submit]")).click();
		awaitPath(browser, "/register/done");
	}

	private void verifyByMail(ChromeDriver browser, String email) {
		var mail = Mailbox.awaitMail(email, 1);
		String link = Mailbox.link(mail, "/verify");
		assertThat(link).startsWith(baseUrl + "/verify?token=");
		browser.get(link);
		browser.findElement(By.id("confirm")).click();
		assertThat(awaitElement(browser, By.cssSelector(".notice")).getAttribute("class")).contains("ok");
	}

	private void logIn(ChromeDriver browser, String email) {
		type(browser, "email", email);
		type(browser, "password", PASSWORD);
		browser.findElement(By.id("login")).click();
	}

	/** The TOTP secret as the set-up page shows it, and the time step whose code confirmed it (now burnt). */
	record Enrolment(TotpSecret secret, long step) {
	}

	private Enrolment enableTotp(ChromeDriver browser) {
		open(browser, "/panel/security");
		browser.findElement(By.id("enable-totp")).click();
		awaitPath(browser, "/panel/security/totp");
		var secret = TotpSecret.fromBase32(browser.findElement(By.id("totp-secret")).getText()).orElseThrow();
		long step = Totp.stepAt(Instant.now());
		type(browser, "code", totp.code(secret, step));
		browser.findElement(By.id("confirm-totp")).click();
		awaitElement(browser, By.id("recovery-codes"));
		return new Enrolment(secret, step);
	}

	private void enterSecondFactor(ChromeDriver browser, String code) {
		type(browser, "code", code);
		browser.findElement(By.id("verify-code")).click();
	}

	private String createAppPassword(ChromeDriver browser, String name) {
		open(browser, "/panel/security");
		type(browser, "app-name", name);
		// WebDAV only is the default; this client also reads the API.
		assertThat(browser.findElement(By.id("scope-files")).isSelected()).isTrue();
		assertThat(browser.findElement(By.id("scope-api-read")).isSelected()).isFalse();
		browser.findElement(By.id("scope-api-read")).click();
		browser.findElement(By.id("create-app-password")).click();
		return awaitElement(browser, By.id("app-password-secret")).getText();
	}

	private void revokeAppPassword(ChromeDriver browser, String name) {
		browser.findElement(By.xpath("//tr[td[text()='" + name + "']]//button[@type='submit']")).click();
		assertThat(awaitElement(browser, By.cssSelector(".notice")).getText()).isEqualTo("The app password has been revoked.");
	}

	private void open(ChromeDriver browser, String path) {
		browser.get(baseUrl + path);
	}

	private static void type(ChromeDriver browser, String id, String text) {
		WebElement field = browser.findElement(By.id(id));
		field.clear();
		field.sendKeys(text);
	}

	private static String value(ChromeDriver browser, String id) {
		return browser.findElement(By.id(id)).getDomProperty("value");
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

	/** Waits for the page, and when it does not come says where the browser is and what it shows. */
	private static void awaitPage(ChromeDriver browser, Callable<Boolean> condition, String expected) {
		try {
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(condition);
		}
		catch (ConditionTimeoutException e) {
			String shown = browser.findElements(By.tagName("main")).stream().map(WebElement::getText).findFirst().orElse("");
			throw new AssertionError("waited for " + expected + ", but the browser is at " + browser.getCurrentUrl()
					+ " showing:\n" + shown, e);
		}
	}
}
