package io.kluis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kluis.identity.credentials.Totp;
import io.kluis.identity.credentials.TotpSecret;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The steps browser tests share, on a {@link Browser} page of the test server: opening a page, typing
 * into a field by its id, waiting for an element or a path (and, when it does not come, saying where
 * the browser is and what it shows), logging in and out, registering, verifying by mail and setting
 * up TOTP the way a customer does. Assertions about what the steps lead to stay in the tests.
 */
public final class BrowserPage {

	private final ChromeDriver browser;

	private final String baseUrl;

	private final Duration patience;

	/** A page that waits up to ten seconds for what it expects. */
	public BrowserPage(ChromeDriver browser, String baseUrl) {
		this(browser, baseUrl, Duration.ofSeconds(10));
	}

	public BrowserPage(ChromeDriver browser, String baseUrl, Duration patience) {
		this.browser = browser;
		this.baseUrl = baseUrl;
		this.patience = patience;
	}

	public ChromeDriver browser() {
		return browser;
	}

	/** Opens {@code path} (with its query) on the test server. */
	public void open(String path) {
		browser.get(baseUrl + path);
	}

	/** Replaces the text of the field with this id. */
	public void type(String id, String text) {
		WebElement field = browser.findElement(By.id(id));
		field.clear();
		field.sendKeys(text);
	}

	/** The current value of the field with this id. */
	public String value(String id) {
		return browser.findElement(By.id(id)).getDomProperty("value");
	}

	/** The path of the page the browser shows, without query. */
	public String path() {
		return URI.create(browser.getCurrentUrl()).getPath();
	}

	public WebElement awaitElement(By by) {
		awaitPage(() -> !browser.findElements(by).isEmpty(), by.toString());
		return browser.findElement(by);
	}

	public void awaitPath(String path) {
		awaitPage(() -> path().equals(path), "the path " + path);
	}

	/** Waits for the page, and when it does not come says where the browser is and what it shows. */
	public void awaitPage(Callable<Boolean> condition, String expected) {
		try {
			await().atMost(patience).pollInterval(Duration.ofMillis(100)).until(condition);
		}
		catch (ConditionTimeoutException e) {
			String shown = browser.findElements(By.tagName("main")).stream().map(WebElement::getText).findFirst().orElse("");
			throw new AssertionError("waited for " + expected + ", but the browser is at " + browser.getCurrentUrl()
					+ " showing:\n" + shown, e);
		}
	}

	/** Fills in the login form the browser shows and submits it. */
	public void logIn(String email, String password) {
		type("email", email);
		type("password", password);
		browser.findElement(By.id("login")).click();
	}

	/** Logs out with the header's button and waits for the login page. */
	public void logOut() {
		browser.findElement(By.cssSelector("header form[action$='/logout'] button")).click();
		awaitPath("/login");
	}

	/**
	 * Opens the registration form in English and fills in every field for Anna de Vries from Utrecht,
	 * born 1990-04-02, with the terms accepted; {@link #submitRegistration()} sends it.
	 */
	public void fillRegistration(String email, String password) {
		open("/register?lang=en");
		type("firstName", "Anna");
		type("lastName", "de Vries");
		type("email", email);
		type("password", password);
		type("street", "Kerkstraat 1");
		type("postalCode", "1234 AB");
		type("city", "Utrecht");
		browser.findElement(By.cssSelector("#country option[value='NL']")).click();
		// A date input's typing format follows the browser's locale; setting the value is locale-free.
		browser.executeScript("arguments[0].value = '1990-04-02'", browser.findElement(By.id("dateOfBirth")));
		browser.findElement(By.cssSelector("input[type=checkbox][name=acceptedTerms]")).click();
	}

	/** Sends the filled-in registration form and waits for the page that says to check the mail. */
	public void submitRegistration() {
		browser.findElement(By.cssSelector("form[action$='/register'] button[type=submit]")).click();
		awaitPath("/register/done");
	}

	/**
	 * Follows the link of the first mail to {@code email}, which must point at this server's
	 * {@code /verify}, confirms, and checks the page says it worked; returns the link.
	 */
	public String verifyByMail(String email) {
		String link = Mailbox.link(Mailbox.awaitMail(email, 1), "/verify");
		assertThat(link).startsWith(baseUrl + "/verify?token=");
		browser.get(link);
		browser.findElement(By.id("confirm")).click();
		assertThat(awaitElement(By.cssSelector(".notice")).getAttribute("class")).contains("ok");
		return link;
	}

	/** The TOTP secret as the set-up page shows it, and the time step whose code confirmed it (now burnt). */
	public record Enrolment(TotpSecret secret, long step) {
	}

	/**
	 * On the TOTP set-up page: reads the secret, confirms it with the current step's code and waits
	 * for the recovery codes.
	 */
	public Enrolment confirmTotp(Totp totp) {
		var secret = TotpSecret.fromBase32(browser.findElement(By.id("totp-secret")).getText()).orElseThrow();
		long step = Totp.stepAt(Instant.now());
		type("code", totp.code(secret, step));
		browser.findElement(By.id("confirm-totp")).click();
		awaitElement(By.id("recovery-codes"));
		return new Enrolment(secret, step);
	}

	/** On the second-factor page: enters the code and submits it. */
	public void enterSecondFactor(String code) {
		type("code", code);
		browser.findElement(By.id("verify-code")).click();
	}
}
