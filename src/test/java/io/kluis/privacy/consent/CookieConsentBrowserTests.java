package io.kluis.privacy.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kluis.Browser;
import io.kluis.KluisServerTest;
import io.kluis.TestServer;
import io.kluis.privacy.ConsentAction;
import io.kluis.privacy.ConsentRecord;
import io.kluis.privacy.policy.PolicyAnnouncements;
import io.kluis.privacy.policy.PublishedPolicy;
import io.kluis.privacy.policy.RegisterVersion;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.register.ProcessingRegister.CookieCategory;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Acceptance item 4 of the privacy-engine issue in Debian Chromium: a fresh browser holds only
 * technical cookies; accepting analytics puts the analytics cookie in the jar, is recorded, and
 * {@code kluisConsent.allowed('analytical')} turns true; withdrawing from the footer's cookie settings
 * removes it again.
 */
@KluisServerTest
@ExtendWith(Browser.class)
@Tag("browser")
class CookieConsentBrowserTests {

	@Value("${kluis.base-url}")
	String baseUrl;

	@Autowired
	ProcessingRegister register;

	@Autowired
	ConsentLedger ledger;

	@Autowired
	PublishedPolicy policy;

	@Autowired
	PolicyAnnouncements announcements;

	@Test
	@DisplayName("CON-2: fresh browser → only technical cookies; accept analytics → cookie present and recorded; withdraw → gone")
	void consentToAnalyticsAndWithdrawIt(ChromeDriver browser) {
		Browser.sendHeader(browser, TestServer.X_FORWARDED_FOR, TestServer.uniqueClientAddress());
		Set<String> technical = register.cookies()
			.stream()
			.filter(c -> c.category() == CookieCategory.TECHNICAL)
			.map(ProcessingRegister.Cookie::name)
			.collect(Collectors.toSet());

		open(browser, "/?lang=en");
		open(browser, "/newsletter");
		assertThat(cookieNames(browser)).isNotEmpty().allMatch(technical::contains);
		assertThat(browser.manage().getCookieNamed(VisitStatistics.COOKIE)).isNull();
		assertThat(allowed(browser, "analytical")).isFalse();
		assertThat(allowed(browser, "technical")).isTrue();

		// Refusing is as prominent as accepting: same size, same colours, side by side.
		WebElement refuse = browser.findElement(By.id("consent-refuse"));
		WebElement accept = browser.findElement(By.id("consent-accept"));
		assertThat(refuse.isDisplayed()).isTrue();
		assertThat(refuse.getSize()).isEqualTo(accept.getSize());
		assertThat(refuse.getCssValue("background-color")).isEqualTo(accept.getCssValue("background-color"));
		assertThat(refuse.getCssValue("color")).isEqualTo(accept.getCssValue("color"));
		Browser.screenshot(browser, "cookie-banner");

		browser.findElement(By.cssSelector("#consent-banner summary")).click();
		browser.findElement(By.id("consent-analytical")).click();
		browser.findElement(By.id("consent-save")).click();
		await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElement(By.id("consent-banner")).isDisplayed());
		assertThat(allowed(browser, "analytical")).isTrue();
		assertThat(allowed(browser, "commercial")).isFalse();
		var choice = CookieChoice.parse(browser.manage().getCookieNamed(CookieChoice.COOKIE).getValue()).orElseThrow();
		assertThat(ledger.ofSubjectKey(choice.consentId())).singleElement().satisfies(r -> {
			assertThat(r.action()).isEqualTo(ConsentAction.CHOSEN);
			assertThat(r.choice()).isEqualTo("analytical");
		});

		open(browser, "/newsletter");
		assertThat(browser.findElements(By.id("consent-banner"))).as("no banner once chosen").isEmpty();
		Cookie visit = browser.manage().getCookieNamed(VisitStatistics.COOKIE);
		assertThat(visit).as("the analytics cookie, set after consent").isNotNull();
		assertThat(visit.isHttpOnly()).isTrue();

		browser.findElement(By.id("cookie-settings")).click();
		await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("/consent/cookies"));
		browser.findElement(By.id("settings-refuse")).click();
		await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("saved"));
		await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("consent-saved")).isEmpty());
		assertThat(browser.manage().getCookieNamed(VisitStatistics.COOKIE)).as("deleted on withdrawal").isNull();
		assertThat(allowed(browser, "analytical")).isFalse();
		assertThat(cookieNames(browser)).allMatch(technical::contains);
		assertThat(ledger.ofSubjectKey(choice.consentId())).extracting(ConsentRecord::action)
			.containsExactly(ConsentAction.CHOSEN, ConsentAction.WITHDRAWN);

		open(browser, "/newsletter");
		assertThat(browser.manage().getCookieNamed(VisitStatistics.COOKIE)).isNull();
	}

	@Test
	@DisplayName("CON-2: without JavaScript the banner is a plain form: refusing all works and sets no cookie beyond the technical ones")
	void refusingWorksWithoutJavaScript(ChromeDriver browser) {
		Browser.sendHeader(browser, TestServer.X_FORWARDED_FOR, TestServer.uniqueClientAddress());
		open(browser, "/login?lang=en");
		// Remove the enhancement's form marker: the browser then submits the form itself.
		browser.executeScript("document.querySelectorAll('[data-consent-form]').forEach(f => f.removeAttribute('data-consent-form'))");
		browser.findElement(By.id("consent-refuse")).click();
		await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElements(By.id("consent-banner")).isEmpty());
		assertThat(browser.getCurrentUrl()).endsWith("/login");
		assertThat(CookieChoice.parse(browser.manage().getCookieNamed(CookieChoice.COOKIE).getValue()).orElseThrow().granted())
			.isEmpty();
		assertThat(browser.manage().getCookieNamed(VisitStatistics.COOKIE)).isNull();
	}

	@Test
	@DisplayName("CON-2, POL-2: after a significant policy change the banner returns with the earlier choice ticked, "
			+ "which holds until the visitor saves a new one")
	void aSignificantChangeBringsTheBannerBack(ChromeDriver browser) {
		Browser.sendHeader(browser, TestServer.X_FORWARDED_FOR, TestServer.uniqueClientAddress());
		open(browser, "/newsletter?lang=en");
		browser.findElement(By.id("consent-accept")).click();
		await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElement(By.id("consent-banner")).isDisplayed());

		// Announced at once, as the scheduler would, so no later test of this server finds it pending.
		RegisterVersion significant = policy.publish(CookieChoiceRenewalIntegrationTests.change(policy.register(),
				"Nieuwe analysedienst " + UUID.randomUUID(), true));
		announcements.announcePending();

		open(browser, "/newsletter");
		assertThat(browser.findElement(By.id("consent-renewal")).isDisplayed()).isTrue();
		assertThat(browser.findElement(By.id("consent-analytical")).isSelected()).as("the earlier choice, ticked").isTrue();
		assertThat(browser.findElement(By.id("consent-commercial")).isSelected()).isTrue();
		assertThat(allowed(browser, "analytical")).as("and still in force").isTrue();
		Browser.screenshot(browser, "cookie-banner-renewal");

		browser.findElement(By.id("consent-commercial")).click();
		browser.findElement(By.id("consent-save")).click();
		await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElement(By.id("consent-banner")).isDisplayed());
		assertThat(allowed(browser, "commercial")).isFalse();
		assertThat(allowed(browser, "analytical")).isTrue();
		var renewed = CookieChoice.parse(browser.manage().getCookieNamed(CookieChoice.COOKIE).getValue()).orElseThrow();
		assertThat(renewed.policyVersion()).isGreaterThanOrEqualTo(significant.number());
		open(browser, "/newsletter");
		assertThat(browser.findElements(By.id("consent-banner"))).as("answered: no banner").isEmpty();
	}

	private void open(ChromeDriver browser, String path) {
		browser.get(baseUrl + path);
	}

	private static boolean allowed(ChromeDriver browser, String category) {
		return (Boolean) browser.executeScript("return window.kluisConsent.allowed(arguments[0])", category);
	}

	private static Set<String> cookieNames(ChromeDriver browser) {
		return browser.manage().getCookies().stream().map(Cookie::getName).collect(Collectors.toSet());
	}
}
