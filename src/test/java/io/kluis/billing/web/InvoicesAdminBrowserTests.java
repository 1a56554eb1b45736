package io.kluis.billing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.Browser;
import io.kluis.BrowserPage;
import io.kluis.KluisServerTest;
import io.kluis.TestServer;
import io.kluis.audit.AuditTrail;
import io.kluis.billing.invoices.InvoiceRequest;
import io.kluis.billing.invoices.Invoicing;
import io.kluis.identity.Role;
import io.kluis.identity.TestAccounts;
import io.kluis.identity.credentials.Totp;
import io.kluis.shared.CustomerNumber;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;

/**
 * A billing staff member in Chromium: from {@code /admin} to the invoice search, a search that states
 * a reason, and the invoice opened from the results, with the buyer and the lines, on a running server.
 */
@KluisServerTest
@ExtendWith(Browser.class)
@Tag("browser")
class InvoicesAdminBrowserTests {

	@Value("${kluis.base-url}")
	String baseUrl;

	@Autowired
	ApplicationContext context;

	@Autowired
	Invoicing invoicing;

	@Autowired
	AuditTrail audit;

	@Test
	@DisplayName("SEC-4: billing staff click from /admin to the invoices, search with a reason and open an invoice; "
			+ "both reads are in the audit trail")
	void staffSearchWithAReasonAndOpenAnInvoice(ChromeDriver browser) {
		var fixtures = TestAccounts.in(context);
		var customer = fixtures.verified(Locale.ENGLISH);
		var invoice = invoicing.issue(new InvoiceRequest(customer.id(),
				CustomerNumber.fromDigits(String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000))),
				new InvoiceRequest.Buyer("Jan Jansen", "Kerkstraat 1", "1234 AB", "Utrecht", "NL", null, null, null,
						customer.email(), Locale.ENGLISH),
				List.of(new InvoiceRequest.Line("Opslag 1 TB", BigDecimal.ONE, "MON", new BigDecimal("10.00"), null, null))));
		var staff = fixtures.staff(Set.of(Role.BILLING));

		Browser.sendHeader(browser, TestServer.X_FORWARDED_FOR, TestServer.uniqueClientAddress());
		var page = new BrowserPage(browser, baseUrl, Duration.ofSeconds(15));
		page.open("/login?lang=en");
		page.logIn(staff.email(), staff.password());
		page.awaitPage(() -> page.path().equals("/admin") || page.path().equals("/panel/security/totp"),
				"/admin or the TOTP set-up staff must do");
		if (page.path().equals("/panel/security/totp")) {
			page.confirmTotp(new Totp());
			page.open("/admin");
		}
		browser.findElement(By.cssSelector("#admin-billing a[href='/admin/billing/invoices']")).click();
		page.awaitPath("/admin/billing/invoices");
		assertThat(browser.findElement(By.tagName("main")).getText()).as("nothing before a reason")
			.doesNotContain(invoice.number());

		page.type("q", invoice.customerNumber().value());
		browser.findElement(By.cssSelector("#reason option[value='BILLING_QUERY']")).click();
		page.type("ticket", "T-100");
		browser.findElement(By.id("search-submit")).click();
		var open = page.awaitElement(By.id("open-" + invoice.number()));
		assertThat(browser.findElement(By.id("results")).getText()).contains("Billing question", "12.10", "Open");
		Browser.screenshot(browser, "staff-invoice-search");

		open.click();
		page.awaitElement(By.id("invoice-number"));
		assertThat(browser.findElement(By.id("invoice-number")).getText()).isEqualTo(invoice.number());
		assertThat(browser.findElement(By.id("buyer")).getText()).contains("Jan Jansen", "Kerkstraat 1");
		assertThat(browser.findElement(By.id("lines")).getText()).contains("Opslag 1 TB", "10.00");
		assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("12.10");
		Browser.screenshot(browser, "staff-invoice-detail");

		assertThat(audit.aboutSubject(customer.id())).filteredOn(e -> e.code().endsWith("-by-staff"))
			.extracting(e -> e.code() + "/" + e.details().get("reason") + "/" + e.details().get("ticket"))
			.containsExactly("billing.invoices.listed-by-staff/BILLING_QUERY/T-100",
					"billing.invoices.read-by-staff/BILLING_QUERY/T-100");
	}
}
