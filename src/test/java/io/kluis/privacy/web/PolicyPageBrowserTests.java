package io.kluis.privacy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.Browser;
import io.kluis.KluisServerTest;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Value;

/**
 * The privacy statement as a visitor's browser shows it, in Dutch and English, with screenshots
 * ({@code target/screenshots/privacy-nl.png}, {@code privacy-en.png}) for reviewing the layout.
 */
@KluisServerTest
@ExtendWith(Browser.class)
@Tag("browser")
class PolicyPageBrowserTests {

	@Value("${kluis.base-url}")
	String baseUrl;

	@Test
	@DisplayName("PUR-1, RIG-9: a visitor reads the privacy statement in Dutch and English, with a working table of contents")
	void aVisitorReadsTheStatementInBothLanguages(ChromeDriver browser) {
		browser.get(baseUrl + "/privacy?lang=nl");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Privacyverklaring");
		assertThat(browser.findElement(By.id("last-modified")).getText()).startsWith("Laatst gewijzigd op");
		List<String> toc = browser.findElements(By.cssSelector("nav.toc a")).stream().map(a -> a.getDomAttribute("href")).toList();
		assertThat(toc).isNotEmpty().allSatisfy(href -> assertThat(browser.findElements(By.id(href.substring(1)))).hasSize(1));
		WebElement authority = browser.findElement(By.cssSelector("#complaint a.authority"));
		assertThat(authority.getText()).isEqualTo("Autoriteit Persoonsgegevens");
		Browser.screenshot(browser, "privacy-nl");

		browser.findElement(By.cssSelector(".lang a[hreflang=en]")).click();
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Privacy statement");
		assertThat(browser.findElement(By.id("rights")).getText()).contains("You may see all data we hold about you");
		Browser.screenshot(browser, "privacy-en");
	}
}
