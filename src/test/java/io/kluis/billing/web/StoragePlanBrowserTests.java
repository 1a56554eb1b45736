package io.kluis.billing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kluis.Browser;
import io.kluis.BrowserPage;
import io.kluis.KluisServerTest;
import io.kluis.Mailbox;
import io.kluis.MutableClock;
import io.kluis.TestClock;
import io.kluis.TestDatabase;
import io.kluis.TestServer;
import io.kluis.billing.BillingSubscriptions;
import io.kluis.billing.ProductKind;
import io.kluis.billing.SubscriptionInfo;
import io.kluis.billing.SubscriptionStatus;
import io.kluis.billing.catalogue.Catalogue;
import io.kluis.billing.catalogue.PlanDraft;
import io.kluis.billing.subscriptions.TermEnds;
import io.kluis.identity.AccountLookup;
import io.kluis.shared.AccountId;
import io.kluis.shared.CustomerNumber;
import io.kluis.shared.EmailAddress;
import io.kluis.storage.DavClient;
import io.kluis.storage.files.ReadOnlyStorage;
import io.kluis.storage.files.StorageProperties;
import io.kluis.storage.files.Usage;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 10 (billing), acceptance 1, in a real browser: Debian Chromium against the running server, the
 * local test checkout as the payment provider, mail through real SMTP (GreenMail), WebDAV and the API over
 * HTTP. Staff set up the plan through the catalogue service; everything the customer does happens in the
 * browser. The clock starts 40 days in the past (nothing written lies in the future of other tests) and is
 * moved past the end of the term before the term-end job runs, as the scheduler would run it.
 */
@KluisServerTest
@ExtendWith(Browser.class)
@Tag("browser")
@Import(TestClock.class)
@TestPropertySource(properties = { TestClock.OFFSET + "=-40d", TestDatabase.OWN_SCHEMA + "=true",
		"kluis.billing.payment-required=true" })
@DirtiesContext
class StoragePlanBrowserTests {

	static final String PASSWORD = "meadow lantern copper finch";

	static final long PLAN_QUOTA = 100_000_000_000L;

	@Value("${kluis.base-url}")
	String baseUrl;

	@Autowired
	Catalogue catalogue;

	@Autowired
	MutableClock clock;

	@Autowired
	TermEnds termEnds;

	@Autowired
	AccountLookup accounts;

	@Autowired
	BillingSubscriptions subscriptions;

	@Autowired
	Usage usage;

	@Autowired
	ReadOnlyStorage readOnly;

	@Autowired
	StorageProperties storage;

	@Test
	@DisplayName("BIL-1, BIL-2, BIL-3, BIL-6, ACC-5, CON-1: in a browser a customer orders a storage plan, pays at the test "
			+ "checkout, the subscription is active with the plan's quota, the invoice mail's PDF shows the line, 21 % VAT "
			+ "and the customer number; the customer cancels, and at the end of the term the plan ends: default quota, "
			+ "storage read-only (WebDAV and API writes 403, reads served, the panel says why)")
	void orderPayCancelAndEndAStoragePlan(ChromeDriver browser) throws Exception {
		UUID product = catalogue.addProduct(ProductKind.STORAGE, "Storage", "Files over WebDAV and in the browser");
		UUID plan = catalogue.addPlan(product, PlanDraft.parse(ProductKind.STORAGE, "100 GB", "10.00", null, "100"));
		long defaultQuota = storage.defaultQuota().toBytes();

		Browser.sendHeader(browser, TestServer.X_FORWARDED_FOR, TestServer.uniqueClientAddress());
		var page = new BrowserPage(browser, baseUrl);
		String email = "plan-" + UUID.randomUUID() + "@example.org";
		page.fillRegistration(email, PASSWORD);
		page.submitRegistration();
		page.verifyByMail(email);
		logIn(page, email);
		String customerNumber = browser.findElement(By.id("customer-number")).getText();
		AccountId account = accounts.findByEmail(EmailAddress.of(email)).orElseThrow();
		assertThat(accounts.customerNumber(account).map(CustomerNumber::value)).contains(customerNumber);

		assertThat(quotaShown(page)).as("the default quota before any plan").endsWith(" 10 GiB");
		var dav = new DavClient(baseUrl, email, createAppPassword(page));
		assertThat(dav.put("/dav/files/notes.txt", text("before the plan")).statusCode()).isEqualTo(201);

		// The customer orders: the plan, the billing details of a first order, the terms.
		page.open("/panel/billing");
		browser.findElement(By.cssSelector("input[name=planAndPeriod][value='" + plan + ":month']")).click();
		page.type("name", "Anna de Vries");
		page.type("street", "Kerkstraat 1");
		page.type("postalCode", "1234 AB");
		page.type("city", "Utrecht");
		assertThat(page.value("country")).isEqualTo("NL");
		browser.findElement(By.id("accept-terms")).click();
		browser.findElement(By.id("place-order")).click();
		assertThat(page.awaitElement(By.id("ordered")).getText()).as("the order waits for its payment")
			.contains("Your subscription starts as soon as its invoice is paid");
		SubscriptionInfo ordered = subscriptions.of(account).get(0);
		assertThat(ordered.status()).as("waits for the first payment").isEqualTo(SubscriptionStatus.PENDING_PAYMENT);
		assertThat(row(page, "subscription-" + ordered.ref()).getText()).contains("Storage — 100 GB", "€ 10.00",
				"Awaiting payment");
		assertThat(usage.of(account).quota()).as("not provisioned before it is paid").isEqualTo(defaultQuota);
		assertThat(Mailbox.body(mail(email, "Your order at"))).as("BIL-2: the order is confirmed by mail").contains("100 GB");
		var newsletter = dav.send(dav.request("GET", "/api/v1/me/newsletter", BodyPublishers.noBody())
			.header("Accept", "application/json"));
		assertThat(newsletter.body()).as("CON-1: an order signs the customer up for no newsletter")
			.contains("\"state\":\"none\"");

		// The first term's invoice follows the order (issued after commit): the customer pays it.
		page.awaitPage(() -> {
			page.open("/panel/billing");
			return !browser.findElements(By.cssSelector("#invoices form[action$='/pay'] button")).isEmpty();
		}, "the invoice's pay button");
		WebElement pay = browser.findElement(By.cssSelector("#invoices form[action$='/pay'] button"));
		assertThat(pay.getText()).isEqualTo("Pay € 12.10");
		pay.click();
		page.awaitPage(() -> page.path().startsWith("/billing/test-checkout/tr_"), "the test checkout");
		assertThat(browser.findElement(By.id("checkout-amount")).getText()).contains("12.10");
		assertThat(browser.findElement(By.id("checkout-status")).getText()).isEqualTo("open");
		browser.findElement(By.id("checkout-paid")).click();
		page.awaitPath("/panel/billing");

		assertThat(row(page, "subscription-" + ordered.ref()).getText()).contains("Active");
		WebElement invoice = browser.findElement(By.cssSelector("#invoices tbody tr"));
		assertThat(invoice.getText()).contains("€ 12.10", "Paid");
		String invoiceNumber = invoiceNumber(browser);
		assertThat(invoice.findElements(By.cssSelector("form[action$='/pay']"))).isEmpty();
		assertThat(subscriptions.find(ordered.ref()).orElseThrow().status()).isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(usage.of(account).quota()).isEqualTo(PLAN_QUOTA);
		assertThat(quotaShown(page)).as("the panel shows the plan's quota (100 GB in IEC units)").endsWith(" 93.1 GiB");
		assertThat(dav.put("/dav/files/notes.txt", text("on the plan")).statusCode()).isEqualTo(204);

		assertThat(mail(email, "Your invoice").getSubject()).contains(invoiceNumber);
		String pdf = pdfText(invoiceMail(email));
		assertThat(pdf).contains("Storage — 100 GB", invoiceNumber, "VAT 21% on € 10.00 € 2.10", "Total including VAT € 12.10",
				"Customer number " + customerNumber);

		// The customer cancels; the plan runs to the end of the paid term.
		page.open("/panel/billing");
		assertThat(row(page, "subscription-" + ordered.ref()).findElements(By.cssSelector("form[action$='/change']")))
			.as("no plan to change to: no empty change form").isEmpty();
		String end = DateTimeFormatter.ISO_LOCAL_DATE.format(ordered.periodEnd().atOffset(ZoneOffset.UTC));
		WebElement cancel = browser.findElement(By.id("cancel-" + ordered.ref()));
		WebElement confirm = cancel.findElement(By.cssSelector("form[action$='/cancel'] button"));
		assertThat(confirm.isDisplayed()).as("one click does not cancel: the consequence comes first").isFalse();
		cancel.findElement(By.tagName("summary")).click();
		assertThat(cancel.getText()).contains("It runs until " + end + " and then ends", "no longer changed");
		Browser.screenshot(browser, "billing-cancel-confirm");
		confirm.click();
		page.awaitElement(By.id("cancelled"));
		assertThat(row(page, "subscription-" + ordered.ref()).getText()).contains("Cancelled, ends " + end);
		assertThat(row(page, "subscription-" + ordered.ref()).findElements(By.tagName("form"))).as("nothing more to cancel")
			.isEmpty();
		assertThat(usage.of(account).quota()).as("until the end of the term").isEqualTo(PLAN_QUOTA);
		assertThat(dav.put("/dav/files/notes.txt", text("cancelled")).statusCode()).isEqualTo(204);

		// The end of the term: the scheduler's job runs after it.
		clock.set(ordered.periodEnd().plus(Duration.ofHours(1)));
		assertThat(termEnds.run()).isEqualTo(1);
		SubscriptionInfo ended = subscriptions.find(ordered.ref()).orElseThrow();
		assertThat(ended.status()).isEqualTo(SubscriptionStatus.ENDED);
		assertThat(ended.endedAt()).isEqualTo(ordered.periodEnd());
		assertThat(usage.of(account).quota()).as("back to the default").isEqualTo(defaultQuota);
		assertThat(readOnly.reasons(account)).containsExactly(ReadOnlyStorage.Reason.SERVICE_ENDED);

		var refused = dav.put("/dav/files/notes.txt", text("after the end"));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("plan has ended");
		var api = dav.send(dav.request("POST", "/api/v1/spaces", BodyPublishers.ofString("{\"name\":\"more\"}"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/problem+json, application/json"));
		assertThat(api.statusCode()).isEqualTo(403);
		assertThat(api.body()).contains("urn:kluis:problem:storage:read-only");
		assertThat(dav.get("/dav/files/notes.txt").body()).as("the files can still be read").isEqualTo(text("cancelled"));

		page.open("/panel/files");
		if (page.path().equals("/login")) {
			// a month later the session has long run out (absolute timeout on the same clock)
			logIn(page, email);
		}
		assertThat(quotaShown(page)).endsWith(" 10 GiB");
		assertThat(browser.findElement(By.id("read-only")).getText()).contains("read-only because your plan has ended");
		page.open("/panel/billing");
		assertThat(row(page, "subscription-" + ordered.ref()).getText()).contains("Ended");
		Browser.screenshot(browser, "billing-plan-ended");
	}

	private static void logIn(BrowserPage page, String email) {
		page.open("/login");
		page.logIn(email, PASSWORD);
		page.awaitPath("/panel");
	}

	/** The storage panel's usage line ("0 B of 10 GiB used"), once its script has filled it in. */
	private static String quotaShown(BrowserPage page) {
		page.open("/panel/files");
		WebElement text = page.awaitElement(By.id("quota-text"));
		page.awaitPage(() -> !text.getText().isBlank(), "the usage line");
		return text.getText().replace(" used", "");
	}

	/** An app password for WebDAV and the API, created on the security page. */
	private static String createAppPassword(BrowserPage page) {
		page.open("/panel/security");
		page.type("app-name", "laptop");
		page.browser().findElement(By.id("scope-api-write")).click();
		page.browser().findElement(By.id("create-app-password")).click();
		return page.awaitElement(By.id("app-password-secret")).getText();
	}

	/** The number of the (only) invoice as the panel lists it ("Invoice 2026-000001"). */
	private static String invoiceNumber(ChromeDriver browser) {
		String first = browser.findElement(By.cssSelector("#invoices tbody tr td")).getText();
		return first.substring(first.lastIndexOf(' ') + 1);
	}

	private static WebElement row(BrowserPage page, String id) {
		return page.awaitElement(By.id(id));
	}

	private static byte[] text(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	/** Waits for the mail to the address whose subject contains the text. */
	private static MimeMessage mail(String address, String subject) {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> find(address, subject).isPresent());
		return find(address, subject).orElseThrow();
	}

	private static Optional<MimeMessage> find(String address, String subject) {
		return Mailbox.to(address).stream().filter(m -> {
			try {
				return m.getSubject() != null && m.getSubject().contains(subject);
			}
			catch (jakarta.mail.MessagingException e) {
				return false;
			}
		}).findFirst();
	}

	/** The invoice mail: the one with a PDF attached. */
	private static byte[] invoiceMail(String address) throws Exception {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
			.until(() -> Mailbox.to(address).stream().anyMatch(m -> pdf(m).isPresent()));
		return Mailbox.to(address).stream().map(StoragePlanBrowserTests::pdf).flatMap(Optional::stream).findFirst().orElseThrow();
	}

	private static Optional<byte[]> pdf(MimeMessage message) {
		try {
			if (!(message.getContent() instanceof MimeMultipart parts)) {
				return Optional.empty();
			}
			for (int i = 0; i < parts.getCount(); i++) {
				var part = parts.getBodyPart(i);
				if (Part.ATTACHMENT.equals(part.getDisposition()) && part.getContentType().startsWith("application/pdf")) {
					return Optional.of(part.getInputStream().readAllBytes());
				}
			}
			return Optional.empty();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static String pdfText(byte[] pdf) throws Exception {
		try (var document = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
		}
	}
}
