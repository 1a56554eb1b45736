package io.kluis.billing.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.kluis.KluisIntegrationTest;
import io.kluis.Mailbox;
import io.kluis.MutableClock;
import io.kluis.TestClock;
import io.kluis.WithMailbox;
import io.kluis.billing.BillingPeriod;
import io.kluis.billing.BillingSubscriptions;
import io.kluis.billing.OrderPlaced;
import io.kluis.billing.ProductKind;
import io.kluis.billing.SubscriptionInfo;
import io.kluis.billing.SubscriptionRef;
import io.kluis.billing.catalogue.Catalogue;
import io.kluis.billing.catalogue.PlanDraft;
import io.kluis.billing.document.InvoiceDocument;
import io.kluis.billing.document.UblInvoices;
import io.kluis.billing.invoices.InvoicedLine;
import io.kluis.billing.invoices.Invoicing;
import io.kluis.billing.invoices.IssuedInvoice;
import io.kluis.billing.invoices.VatScheme;
import io.kluis.billing.invoices.vies.FakeVatNumberValidator;
import io.kluis.billing.invoices.vies.VatCheck;
import io.kluis.billing.invoices.vies.VatNumberValidator;
import io.kluis.billing.invoicing.SubscriptionInvoiceLedger.Key;
import io.kluis.billing.invoicing.SubscriptionInvoiceLedger.Kind;
import io.kluis.billing.subscriptions.TermEnds;
import io.kluis.identity.AccountLookup;
import io.kluis.identity.TestAccounts;
import io.kluis.identity.account.AppPasswordScope;
import io.kluis.identity.account.AppPasswords;
import io.kluis.notifications.Notifications;
import io.kluis.privacy.TermsVersions;
import io.kluis.shared.AccountId;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The invoice flow a customer sees, on a real database with real SMTP (GreenMail): ordering a plan
 * issues exactly one invoice for the first term and mails it with its PDF and UBL attached; a renewal
 * issues the next; a redelivered event issues nothing more; an upgrade invoices the proration and a
 * downgrade credits it on the term's invoices; VIES being down delays the invoice without losing it;
 * the customer downloads PDF and UBL in the panel and over the API, and another customer gets 404.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
@Import(TestClock.class)
@DirtiesContext
class SubscriptionInvoicingIntegrationTests extends WithMailbox {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	Catalogue catalogue;

	@Autowired
	AppPasswords appPasswords;

	@Autowired
	TermsVersions terms;

	@Autowired
	Invoicing invoicing;

	@Autowired
	SubscriptionInvoicing subscriptionInvoicing;

	@Autowired
	SubscriptionInvoiceLedger ledger;

	@Autowired
	BillingSubscriptions subscriptions;

	@Autowired
	TermEnds termEnds;

	@Autowired
	InvoiceRunCommand invoiceRun;

	@Autowired
	io.kluis.shared.jobs.Jobs jobs;

	@Autowired
	AccountLookup accounts;

	@Autowired
	Notifications notifications;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	VatNumberValidator vies;

	TestAccounts fixtures;

	UUID small;

	UUID large;

	@BeforeEach
	void catalogue() {
		clock.reset();
		fixtures = TestAccounts.in(context);
		UUID product = catalogue.addProduct(ProductKind.STORAGE, "Opslag " + UUID.randomUUID().toString().substring(0, 8),
				"Files and vault");
		small = catalogue.addPlan(product, PlanDraft.parse(ProductKind.STORAGE, "100 GB", "2.00", "20.00", "100"));
		large = catalogue.addPlan(product, PlanDraft.parse(ProductKind.STORAGE, "1 TB", "9.99", null, "1000"));
	}

	record Customer(TestAccounts.Known known, String appPassword) {

		AccountId id() {
			return known.id();
		}
	}

	Customer customer(Locale language) {
		var known = fixtures.verified(language);
		return new Customer(known,
				appPasswords.create(known.id(), "invoicing test", EnumSet.allOf(AppPasswordScope.class)).secret());
	}

	MockHttpServletResponse api(Customer c, MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(httpBasic(c.known().email(), c.appPassword()))
			.with(TestAccounts.from(TestAccounts.uniqueAddress()))).andReturn().getResponse();
	}

	SubscriptionRef order(Customer c, UUID plan, String period, String profileJson) throws Exception {
		String body = "{\"planId\": \"" + plan + "\", \"period\": \"" + period + "\", \"acceptedTermsVersion\": \""
				+ terms.current() + "\", \"profile\": " + profileJson + "}";
		var response = api(c, post("/api/v1/orders").contentType(MediaType.APPLICATION_JSON).content(body)
			.accept(MediaType.APPLICATION_JSON));
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
		return new SubscriptionRef(UUID.fromString(JSON.readTree(response.getContentAsString()).get("subscriptionId").asString()));
	}

	static final String DUTCH_CONSUMER = "{\"name\": \"Jan Jansen\", \"street\": \"Dorpsstraat 1\", "
			+ "\"postalCode\": \"1234 AB\", \"city\": \"Utrecht\", \"country\": \"NL\"}";

	List<IssuedInvoice> invoicesOf(Customer c, int expected) {
		await().atMost(Duration.ofSeconds(30)).until(() -> invoicing.of(c.id()).size() >= expected);
		return invoicing.of(c.id());
	}

	@Test
	@DisplayName("BIL-1, ACC-5: ordering a plan issues exactly one invoice for the first term (price, 21 % VAT, the "
			+ "period as a month line, the subscription as source) and mails it in the customer's language with the PDF "
			+ "(lines, VAT, customer number) and the UBL e-invoice attached")
	void orderIssuesOneInvoiceAndMailsItWithPdfAndUbl() throws Exception {
		Customer c = customer(Locale.forLanguageTag("nl"));
		SubscriptionRef ref = order(c, small, "month", DUTCH_CONSUMER);
		SubscriptionInfo s = subscriptions.find(ref).orElseThrow();

		IssuedInvoice invoice = invoicesOf(c, 1).get(0);
		assertThat(invoicing.of(c.id())).hasSize(1);
		assertThat(invoice.kind()).isEqualTo(InvoiceDocument.Kind.INVOICE);
		assertThat(invoice.vatScheme()).isEqualTo(VatScheme.DOMESTIC);
		assertThat(invoice.taxExclusive()).isEqualByComparingTo("2.00");
		assertThat(invoice.vatTotal()).isEqualByComparingTo("0.42");
		assertThat(invoice.taxInclusive()).isEqualByComparingTo("2.42");
		String customerNumber = accounts.customerNumber(c.id()).orElseThrow().value();
		assertThat(invoice.customerNumber().value()).isEqualTo(customerNumber);
		InvoicedLine line = invoicing.lines(invoice.id()).get(0);
		assertThat(invoicing.lines(invoice.id())).hasSize(1);
		assertThat(line.unitCode()).isEqualTo("MON");
		assertThat(line.sourceReference()).isEqualTo("subscription:" + ref);
		assertThat(line.period()).isEqualTo(new InvoiceDocument.Period(s.periodStart().atZone(ZoneOffset.UTC).toLocalDate(),
				s.periodEnd().atZone(ZoneOffset.UTC).toLocalDate().minusDays(1)));
		assertThat(ledger.find(new Key(ref, Kind.TERM, s.periodStart())).orElseThrow().invoice()).isEqualTo(invoice.id());

		MimeMessage mail = mailAbout(c, invoice.number());
		assertThat(subject(mail)).isEqualTo("Uw factuur " + invoice.number() + " van Voorbeeld Hosting B.V.");
		assertThat(Mailbox.body(mail)).contains("2,42").contains(invoice.paymentReference()).contains(customerNumber);
		List<BodyPart> files = attachments(mail);
		assertThat(files).extracting(BodyPart::getFileName)
			.containsExactly("invoice-" + invoice.number() + ".pdf", "invoice-" + invoice.number() + ".xml");
		assertThat(files.get(0).getContentType()).startsWith("application/pdf");
		assertThat(files.get(1).getContentType()).startsWith("application/xml");
		String pdf = pdfText(bytes(files.get(0)));
		assertThat(pdf).contains("Factuurnummer " + invoice.number(), customerNumber, "100 GB", "€ 2,00",
				"Btw 21% over € 2,00 € 0,42", "Totaal inclusief btw € 2,42");
		String ubl = new String(bytes(files.get(1)), StandardCharsets.UTF_8);
		assertThat(ubl).contains("<cbc:ID>" + invoice.number() + "</cbc:ID>", UblInvoices.CUSTOMIZATION_ID,
				"unitCode=\"MON\"", customerNumber);
		assertThat(jdbc.sql("select count(*) from notifications_outbox where template = 'billing/invoice' "
				+ "and subject_id = ?").param(c.id().value()).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	@DisplayName("BIL-1: a renewal issues the next term's invoice, once, however often the term-end job runs")
	void renewalIssuesTheNextInvoice() throws Exception {
		Customer c = customer(Locale.ENGLISH);
		SubscriptionRef ref = order(c, small, "year", DUTCH_CONSUMER);
		SubscriptionInfo first = subscriptions.find(ref).orElseThrow();
		assertThat(invoicesOf(c, 1).get(0).taxExclusive()).isEqualByComparingTo("20.00");

		clock.set(first.periodEnd().plusSeconds(1));
		termEnds.run();
		termEnds.run();

		var all = invoicesOf(c, 2);
		assertThat(all).hasSize(2);
		IssuedInvoice renewal = all.get(0);
		assertThat(renewal.taxExclusive()).isEqualByComparingTo("20.00");
		InvoicedLine line = invoicing.lines(renewal.id()).get(0);
		assertThat(line.unitCode()).isEqualTo("ANN");
		assertThat(line.period().start()).isEqualTo(first.periodEnd().atZone(ZoneOffset.UTC).toLocalDate());
		assertThat(line.period().end()).isEqualTo(BillingPeriod.YEAR.after(first.periodEnd()).atZone(ZoneOffset.UTC)
			.toLocalDate().minusDays(1));
		assertThat(subscriptionInvoicing.issueDue()).isZero();
		assertThat(invoicing.of(c.id())).hasSize(2);
	}

	@Test
	@DisplayName("BIL-1: `billing invoice-run` renews the terms that are over and issues their invoices with their mails, "
			+ "prints the counts and exits 0; run again it issues nothing more")
	void theInvoiceRunCommandRenewsAndIssuesOnce() throws Exception {
		Customer c = customer(Locale.ENGLISH);
		SubscriptionRef ref = order(c, small, "year", DUTCH_CONSUMER);
		SubscriptionInfo first = subscriptions.find(ref).orElseThrow();
		invoicesOf(c, 1);
		clock.set(first.periodEnd().plusSeconds(1));

		var output = new ByteArrayOutputStream();
		int exit = invoiceRun.run(List.of(), new java.io.PrintStream(output, true, StandardCharsets.UTF_8));

		String printed = output.toString(StandardCharsets.UTF_8);
		assertThat(exit).as(printed).isZero();
		assertThat(printed).containsPattern("terms: renewed [1-9][0-9]*, ended \\d+, failed 0")
			.containsPattern("invoices: issued [1-9][0-9]*, postponed 0, failed 0");
		assertThat(invoicing.of(c.id())).hasSize(2);
		IssuedInvoice renewal = invoicing.of(c.id()).get(0);
		assertThat(renewal.taxExclusive()).isEqualByComparingTo("20.00");
		assertThat(jdbc.sql("select count(*) from notifications_outbox where template = 'billing/invoice' "
				+ "and subject_id = ?").param(c.id().value()).query(Long.class).single()).isEqualTo(2);

		clock.advance(Duration.ofMinutes(1));
		var again = new ByteArrayOutputStream();
		assertThat(invoiceRun.run(List.of(), new java.io.PrintStream(again, true, StandardCharsets.UTF_8))).isZero();
		assertThat(again.toString(StandardCharsets.UTF_8)).contains("terms: renewed 0, ended 0, failed 0",
				"invoices: issued 0, postponed 0, failed 0");
		assertThat(invoicing.of(c.id())).hasSize(2);
	}

	@Test
	@DisplayName("`billing invoice-run` does nothing and exits 1 while another node holds the term-end job's lock; "
			+ "an unknown option is a usage error")
	void theInvoiceRunCommandWaitsForNoOne() {
		var output = new ByteArrayOutputStream();
		try (var held = jobs.tryAcquire(TermEnds.JOB, Duration.ofMinutes(1)).orElseThrow()) {
			assertThat(invoiceRun.run(List.of(), new java.io.PrintStream(output, true, StandardCharsets.UTF_8)))
				.isEqualTo(1);
		}
		assertThat(output.toString(StandardCharsets.UTF_8)).contains("Another node", "nothing was done");
		assertThat(invoiceRun.run(List.of("--as-of", "2027-01-01"),
				new java.io.PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))).isEqualTo(2);
	}

	@Test
	@DisplayName("BIL-1: the same event delivered twice (a retry, a second node) issues one invoice")
	void aRedeliveredEventIssuesNothingMore() throws Exception {
		Customer c = customer(Locale.ENGLISH);
		SubscriptionRef ref = order(c, small, "month", DUTCH_CONSUMER);
		SubscriptionInfo s = subscriptions.find(ref).orElseThrow();
		invoicesOf(c, 1);

		var again = new OrderPlaced(s.orderId(), c.id(), ref, s.terms(), s.periodStart(), s.periodEnd(), s.periodStart());
		transactions.executeWithoutResult(tx -> events.publishEvent(again));
		transactions.executeWithoutResult(tx -> subscriptionInvoicing.record(again));
		var key = new Key(ref, Kind.TERM, s.periodStart());
		assertThat(subscriptionInvoicing.issue(key)).isEqualTo(SubscriptionInvoicing.Outcome.NOTHING);
		assertThat(subscriptionInvoicing.issue(key)).isEqualTo(SubscriptionInvoicing.Outcome.NOTHING);
		assertThat(subscriptionInvoicing.issueDue()).isZero();

		assertThat(invoicing.of(c.id())).hasSize(1);
		assertThat(jdbc.sql("select count(*) from billing_subscription_invoices where subscription_id = ?")
			.param(ref.value()).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	@DisplayName("BIL-1: an upgrade within the term invoices the prorated difference; a downgrade is credited with a "
			+ "credit note on the term's invoices, which the customer gets by mail too")
	void planChangesAreInvoicedAndCredited() throws Exception {
		Customer c = customer(Locale.forLanguageTag("nl"));
		SubscriptionRef ref = order(c, small, "month", DUTCH_CONSUMER);
		SubscriptionInfo s = subscriptions.find(ref).orElseThrow();
		IssuedInvoice term = invoicesOf(c, 1).get(0);
		Duration length = Duration.between(s.periodStart(), s.periodEnd());
		clock.set(s.periodStart().plus(length.dividedBy(2)));

		var up = api(c, post("/api/v1/subscriptions/" + ref + "/change").contentType(MediaType.APPLICATION_JSON)
			.content("{\"planId\": \"" + large + "\"}").accept(MediaType.APPLICATION_JSON));
		assertThat(up.getStatus()).as(up.getContentAsString()).isEqualTo(200);
		BigDecimal proration = JSON.readTree(up.getContentAsString()).get("proration").decimalValue();
		assertThat(proration).isEqualByComparingTo(new BigDecimal("7.99").divide(new BigDecimal(2), 2, RoundingMode.HALF_UP));

		IssuedInvoice upgrade = invoicesOf(c, 2).get(0);
		assertThat(upgrade.kind()).isEqualTo(InvoiceDocument.Kind.INVOICE);
		assertThat(upgrade.taxExclusive()).isEqualByComparingTo(proration);
		InvoicedLine line = invoicing.lines(upgrade.id()).get(0);
		assertThat(line.description()).contains("100 GB → 1 TB");
		assertThat(line.sourceReference()).isEqualTo("subscription:" + ref);
		assertThat(line.period().end()).isEqualTo(s.periodEnd().atZone(ZoneOffset.UTC).toLocalDate().minusDays(1));

		clock.advance(Duration.ofDays(2));
		var down = api(c, post("/api/v1/subscriptions/" + ref + "/change").contentType(MediaType.APPLICATION_JSON)
			.content("{\"planId\": \"" + small + "\"}").accept(MediaType.APPLICATION_JSON));
		assertThat(down.getStatus()).as(down.getContentAsString()).isEqualTo(200);
		BigDecimal credit = JSON.readTree(down.getContentAsString()).get("proration").decimalValue();
		assertThat(credit.signum()).isNegative();

		IssuedInvoice note = invoicesOf(c, 3).get(0);
		assertThat(note.kind()).isEqualTo(InvoiceDocument.Kind.CREDIT_NOTE);
		assertThat(note.taxExclusive()).isEqualByComparingTo(credit.negate());
		assertThat(note.preceding()).as("the newest invoice of the term: the upgrade's").isEqualTo(upgrade.id());
		assertThat(invoicing.of(c.id())).extracting(IssuedInvoice::id).contains(term.id());

		MimeMessage mail = mailAbout(c, note.number());
		assertThat(subject(mail)).startsWith("Uw creditnota");
		assertThat(attachments(mail)).extracting(BodyPart::getFileName)
			.containsExactly("credit-note-" + note.number() + ".pdf", "credit-note-" + note.number() + ".xml");
	}

	@Test
	@DisplayName("BIL-1: while VIES cannot check an EU business's VAT number the invoice waits (nothing issued, no "
			+ "number used) and the job issues it, reverse charged, once VIES answers")
	void viesUnavailableDelaysTheInvoiceWithoutLosingIt() throws Exception {
		var fake = (FakeVatNumberValidator) vies;
		String vat = "DE" + (100000000 + (int) (Math.random() * 800000000));
		fake.answer(vat, VatCheck.Status.UNAVAILABLE);
		Customer c = customer(Locale.ENGLISH);
		SubscriptionRef ref = order(c, small, "month", "{\"name\": \"Hans Müller\", \"street\": \"Hauptstraße 5\", "
				+ "\"postalCode\": \"10115\", \"city\": \"Berlin\", \"country\": \"DE\", \"companyName\": \"Müller GmbH\", "
				+ "\"vatNumber\": \"" + vat + "\"}");
		SubscriptionInfo s = subscriptions.find(ref).orElseThrow();
		var key = new Key(ref, Kind.TERM, s.periodStart());
		await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
				"select attempts from billing_subscription_invoices where subscription_id = ?").param(ref.value())
			.query(Integer.class).single() > 0);
		assertThat(invoicing.of(c.id())).isEmpty();
		assertThat(ledger.find(key).orElseThrow().status()).isEqualTo(SubscriptionInvoiceLedger.Status.PENDING);
		assertThat(jdbc.sql("select last_error_code from billing_subscription_invoices where subscription_id = ?")
			.param(ref.value()).query(String.class).single()).isEqualTo("vies-unavailable");
		assertThat(subscriptionInvoicing.issueDue()).as("not due before the backoff").isZero();

		fake.answer(vat, VatCheck.Status.VALID);
		clock.advance(Duration.ofMinutes(6));
		assertThat(subscriptionInvoicing.issueDue()).isEqualTo(1);
		IssuedInvoice invoice = invoicing.of(c.id()).get(0);
		assertThat(invoice.vatScheme()).isEqualTo(VatScheme.REVERSE_CHARGE);
		assertThat(invoice.taxInclusive()).isEqualByComparingTo("2.00");
		assertThat(subscriptionInvoicing.issueDue()).isZero();
		assertThat(invoicing.of(c.id())).hasSize(1);
	}

	@Test
	@DisplayName("BIL-1, ACC-2: the customer downloads PDF and UBL in the panel and over the API (attachments named by "
			+ "number); another customer's invoice, a made-up id and a malformed one are 404")
	void downloads() throws Exception {
		Customer c = customer(Locale.ENGLISH);
		order(c, small, "month", DUTCH_CONSUMER);
		IssuedInvoice invoice = invoicesOf(c, 1).get(0);

		var pdf = api(c, get("/api/v1/invoices/" + invoice.id() + "/pdf"));
		assertThat(pdf.getStatus()).isEqualTo(200);
		assertThat(pdf.getContentType()).isEqualTo("application/pdf");
		assertThat(pdf.getHeader("Content-Disposition"))
			.isEqualTo("attachment; filename=\"invoice-" + invoice.number() + ".pdf\"");
		assertThat(pdfText(pdf.getContentAsByteArray())).contains("Invoice number " + invoice.number(), "€ 2.42");

		var ubl = api(c, get("/api/v1/invoices/" + invoice.id() + "/ubl"));
		assertThat(ubl.getStatus()).isEqualTo(200);
		assertThat(ubl.getContentType()).isEqualTo("application/xml");
		assertThat(ubl.getHeader("Content-Disposition"))
			.isEqualTo("attachment; filename=\"invoice-" + invoice.number() + ".xml\"");
		assertThat(ubl.getContentAsString(StandardCharsets.UTF_8)).contains("<cbc:ID>" + invoice.number() + "</cbc:ID>");

		var as = authentication(fixtures.authentication(c.id(), false));
		String page = mvc.perform(get("/panel/billing").with(as)).andReturn().getResponse().getContentAsString();
		assertThat(page).contains(invoice.number()).contains("/panel/billing/invoices/" + invoice.id() + "/pdf")
			.contains("/panel/billing/invoices/" + invoice.id() + "/ubl").contains("2.42");
		var panelPdf = mvc.perform(get("/panel/billing/invoices/" + invoice.id() + "/pdf").with(as)).andReturn().getResponse();
		assertThat(panelPdf.getStatus()).isEqualTo(200);
		assertThat(panelPdf.getContentType()).isEqualTo("application/pdf");

		Customer other = customer(Locale.ENGLISH);
		for (String path : List.of("/api/v1/invoices/" + invoice.id() + "/pdf", "/api/v1/invoices/" + invoice.id() + "/ubl",
				"/api/v1/invoices/" + UUID.randomUUID() + "/pdf", "/api/v1/invoices/not-an-id/ubl")) {
			var response = api(other, get(path).accept(MediaType.APPLICATION_JSON));
			assertThat(response.getStatus()).as(path).isEqualTo(404);
			assertThat(response.getContentAsString()).doesNotContain(invoice.number());
		}
		var otherAs = authentication(fixtures.authentication(other.id(), false));
		assertThat(mvc.perform(get("/panel/billing/invoices/" + invoice.id() + "/pdf").with(otherAs)).andReturn()
			.getResponse().getStatus()).isEqualTo(404);
	}

	/** The mail whose subject names the document, flushing the outbox until it arrived. */
	MimeMessage mailAbout(Customer c, String number) {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			notifications.flush();
			return Mailbox.to(c.known().email()).stream().anyMatch(m -> subject(m).contains(number));
		});
		var mails = Mailbox.to(c.known().email()).stream().filter(m -> subject(m).contains(number)).toList();
		assertThat(mails).as("one mail per document").hasSize(1);
		return mails.get(0);
	}

	static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException e) {
			throw new AssertionError(e);
		}
	}

	static List<BodyPart> attachments(MimeMessage message) throws Exception {
		assertThat(message.getContentType()).startsWith("multipart/mixed");
		var multipart = (MimeMultipart) message.getContent();
		var files = new ArrayList<BodyPart>();
		for (int i = 0; i < multipart.getCount(); i++) {
			BodyPart part = multipart.getBodyPart(i);
			if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
				files.add(part);
			}
		}
		return files;
	}

	static byte[] bytes(BodyPart part) throws Exception {
		var out = new ByteArrayOutputStream();
		part.getDataHandler().writeTo(out);
		return out.toByteArray();
	}

	static String pdfText(byte[] pdf) throws Exception {
		try (var document = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
		}
	}
}
