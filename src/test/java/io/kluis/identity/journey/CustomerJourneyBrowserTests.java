package io.kluis.identity.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kluis.Browser;
import io.kluis.BrowserPage;
import io.kluis.KluisServerTest;
import io.kluis.TestServer;
import io.kluis.identity.credentials.Totp;
import io.kluis.identity.credentials.TotpSecret;
import java.util.List;
import java.util.UUID;
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
		var page = new BrowserPage(browser, baseUrl);
		String email = "walk-" + UUID.randomUUID() + "@example.org";

		register(page, email);
		page.verifyByMail(email);

		page.open("/login");
		assertThat(browser.manage().getCookieNamed(SESSION_COOKIE)).as("an anonymous page view starts no session").isNull();
		Cookie csrf = browser.manage().getCookieNamed("kluis_csrf");
		assertThat(csrf).as("the login form's CSRF token lives in a cookie").isNotNull();
		assertThat(csrf.isHttpOnly()).isTrue();
		// a session planted before login (session fixation) must not survive it: the server answers
		// an unknown session id by ignoring it, and a real pre-login session gets a new id at login
		browser.manage().addCookie(new Cookie(SESSION_COOKIE, "planted-by-an-attacker", "/"));
		page.logIn(email, PASSWORD);
		page.awaitPath("/panel");
		Cookie loggedIn = browser.manage().getCookieNamed(SESSION_COOKIE);
		assertThat(loggedIn.getValue()).as("a new session id at login (no session fixation)").isNotEqualTo("planted-by-an-attacker");
		Cookie csrfAfter = browser.manage().getCookieNamed("kluis_csrf");
		assertThat(csrfAfter == null ? null : csrfAfter.getValue()).as("a new CSRF token at login").isNotEqualTo(csrf.getValue());
		assertThat(loggedIn.isHttpOnly()).as("scripts cannot read the session cookie").isTrue();
		assertThat(loggedIn.getSameSite()).isEqualTo("Lax");
		assertThat(browser.findElements(By.cssSelector(".banner"))).as("the nudge to set up a second factor").hasSize(1);

		page.open("/panel/my-data");
		assertThat(page.value("firstName")).isEqualTo("Anna");
		assertThat(page.value("dateOfBirth")).isEqualTo("1990-04-02");

		BrowserPage.Enrolment enrolment = enableTotp(page);
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
		page.logOut();
		assertThat(browser.getCurrentUrl()).endsWith("?logout");
		assertThat(withSession.get("/panel").status()).as("logout ends the session on the server too").isEqualTo(401);
		page.open("/panel/security");
		page.awaitPath("/login");

		page.logIn(email, PASSWORD);
		page.awaitPath("/login/second-factor");
		Cookie passwordStep = browser.manage().getCookieNamed(SESSION_COOKIE);
		// The code confirmed at enrolment is burnt: replaying it is refused.
		page.enterSecondFactor(totp.code(secret, enrolmentStep));
		page.awaitElement(By.cssSelector(".notice.bad"));
		assertThat(page.path()).isEqualTo("/login/second-factor");
		// The next step's code is valid now: the server accepts one step either side for clock drift, so
		// the test need not wait up to 30 seconds for the next step to begin.
		page.enterSecondFactor(totp.code(secret, enrolmentStep + 1));
		page.awaitPath("/panel");
		assertThat(browser.manage().getCookieNamed(SESSION_COOKIE).getValue())
			.as("another new session id once fully authenticated").isNotEqualTo(passwordStep.getValue());
		assertThat(browser.findElements(By.cssSelector(".banner"))).isEmpty();

		String appPassword = createAppPassword(page, "laptop webdav");
		var me = api.as(email, appPassword).get("/api/v1/me");
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("email").asString()).isEqualTo(email);
		assertThat(me.json().get("mfa").asBoolean()).isTrue();

		page.open("/panel/security");
		assertThat(browser.findElement(By.id("mfa-status")).getText()).endsWith("Recovery codes left: 10.");
		Browser.screenshot(browser, "security");
		revokeAppPassword(page, "laptop webdav");
		assertThat(browser.findElements(By.xpath("//td[text()='laptop webdav']"))).isEmpty();
		assertThat(api.as(email, appPassword).get("/api/v1/me").status()).as("revoked at once").isEqualTo(401);
	}

	@Test
	@DisplayName("ACC-2: pages with personal data send a visitor without a session to the login page")
	void personalDataPagesNeedALogin(ChromeDriver browser) {
		var page = new BrowserPage(browser, baseUrl);
		for (String path : List.of("/panel", "/panel/my-data", "/panel/security")) {
			page.open(path);
			page.awaitPath("/login");
		}
	}

	@Test
	@DisplayName("?lang=nl and ?lang=en switch the interface language, and the choice is remembered")
	void languageSwitchesBetweenDutchAndEnglish(ChromeDriver browser) {
		var page = new BrowserPage(browser, baseUrl);
		page.open("/login?lang=nl");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Inloggen");
		assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("nl");
		page.open("/register");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Account aanmaken");

		page.open("/login?lang=en");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Log in");
		page.open("/register");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Create your account");
	}

	private static void register(BrowserPage page, String email) {
		page.fillRegistration(email, PASSWORD);
		Browser.screenshot(page.browser(), "register");
		page.submitRegistration();
	}

	private BrowserPage.Enrolment enableTotp(BrowserPage page) {
		page.open("/panel/security");
		page.browser().findElement(By.id("enable-totp")).click();
		page.awaitPath("/panel/security/totp");
		return page.confirmTotp(totp);
	}

	private static String createAppPassword(BrowserPage page, String name) {
		page.open("/panel/security");
		page.type("app-name", name);
		// WebDAV only is the default; this client also reads the API.
		assertThat(page.browser().findElement(By.id("scope-files")).isSelected()).isTrue();
		assertThat(page.browser().findElement(By.id("scope-api-read")).isSelected()).isFalse();
		page.browser().findElement(By.id("scope-api-read")).click();
		page.browser().findElement(By.id("create-app-password")).click();
		return page.awaitElement(By.id("app-password-secret")).getText();
	}

	private static void revokeAppPassword(BrowserPage page, String name) {
		page.browser().findElement(By.xpath("//tr[td[text()='" + name + "']]//button[@type='submit']")).click();
		assertThat(page.awaitElement(By.cssSelector(".notice")).getText()).isEqualTo("The app password has been revoked.");
	}
}
