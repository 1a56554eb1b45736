package io.kluis.billing.invoices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.kluis.KluisIntegrationTest;
import io.kluis.WithMailbox;
import io.kluis.audit.AuditTrail;
import io.kluis.billing.document.InvoiceDocument;
import io.kluis.billing.document.InvoiceDocument.Kind;
import io.kluis.billing.document.InvoiceDocument.VatCategory;
import io.kluis.billing.invoices.vies.FakeVatNumberValidator;
import io.kluis.billing.invoices.vies.VatCheck;
import io.kluis.billing.invoices.vies.VatNumberValidator;
import io.kluis.crypto.PersonalDataCipher;
import io.kluis.identity.Role;
import io.kluis.identity.TestAccounts;
import io.kluis.identity.account.AppPasswordScope;
import io.kluis.identity.account.AppPasswords;
import io.kluis.privacy.rights.AccountClosingForTests;
import io.kluis.shared.AccountId;
import io.kluis.shared.CustomerNumber;
import io.kluis.shared.EmailAddress;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issuing invoices and credit notes against the real database: VAT per EU rules with the VIES port,
 * numbers that no failure consumes, credit notes in the same sequence, the document the renderers
 * read, the fiscal record after account closure (RET-3), and the customer's and staff's APIs.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
class InvoicingIntegrationTests extends WithMailbox {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final SecureRandom RANDOM = new SecureRandom();

	@Autowired
	Invoicing invoicing;

	@Autowired
	VatNumberValidator vies;

	@Autowired
	InvoicesDataHolder holder;

	@Autowired
	PersonalDataCipher cipher;

	@Autowired
	AuditTrail audit;

	@Autowired
	AppPasswords appPasswords;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	Clock clock;

	@Autowired
	ApplicationContext context;

	TestAccounts fixtures;

	@BeforeEach
	void setUp() {
		fixtures = TestAccounts.in(context);
	}

	static CustomerNumber customerNumber() {
		return CustomerNumber.fromDigits(String.format("%08d", RANDOM.nextInt(100_000_000)));
	}

	static InvoiceRequest.Buyer consumer(String country) {
		return new InvoiceRequest.Buyer("Jan Jansen", "Kerkstraat 1", "1234 AB", "Utrecht", country, null, null, null,
				"jan@example.org", Locale.forLanguageTag("nl"));
	}

	static InvoiceRequest.Buyer business(String country, String vatNumber) {
		return new InvoiceRequest.Buyer("Erika Mustermann", "Hauptstraße 5", "10115", "Berlin", country, "Muster GmbH",
				null, vatNumber, "buchhaltung@example.de", Locale.ENGLISH);
	}

	static List<InvoiceRequest.Line> lines() {
		return List.of(new InvoiceRequest.Line("Opslag 1 TB, december 2026", BigDecimal.ONE, "MON", new BigDecimal("9.95"),
				new InvoiceDocument.Period(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31)), "subscription:42"),
				new InvoiceRequest.Line("Extra opslag", new BigDecimal("3"), "C62", new BigDecimal("0.3350"), null, null));
	}

	IssuedInvoice issue(AccountId account, InvoiceRequest.Buyer buyer) {
		return invoicing.issue(new InvoiceRequest(account, customerNumber(), buyer, lines()));
	}

	@Test
	@DisplayName("BIL-1, ACC-5: a Dutch consumer's invoice: gap-free number of this year, 21 % VAT on the rounded line nets, due in 14 days, payment reference, seller from configuration")
	void dutchConsumerInvoice() {
		var account = AccountId.random();
		var invoice = issue(account, consumer("NL"));
		LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Europe/Amsterdam")));
		assertThat(invoice.kind()).isEqualTo(Kind.INVOICE);
		assertThat(invoice.number()).matches(today.getYear() + "-\\d{6,}");
		assertThat(invoice.issueDate()).isEqualTo(today);
		assertThat(invoice.dueDate()).isEqualTo(today.plusDays(14));
		assertThat(invoice.vatScheme()).isEqualTo(VatScheme.DOMESTIC);
		assertThat(PaymentReference.isValid(invoice.paymentReference())).isTrue();
		assertThat(invoicing.findByPaymentReference(invoice.paymentReference())).contains(invoice);
		assertThat(invoicing.findByNumber(invoice.number())).contains(invoice);
		// 9.95 + round(3 × 0.335 = 1.005) 1.01 = 10.96; VAT 21 % = 2.3016 → 2.30
		assertThat(invoice.taxExclusive()).isEqualByComparingTo("10.96");
		assertThat(invoice.vatTotal()).isEqualByComparingTo("2.30");
		assertThat(invoice.taxInclusive()).isEqualByComparingTo("13.26");

		InvoiceDocument document = invoicing.toDocument(invoice.id());
		assertThat(document.number()).isEqualTo(invoice.number());
		assertThat(document.customerNumber()).isEqualTo(invoice.customerNumber().value());
		assertThat(document.language().getLanguage()).isEqualTo("nl");
		assertThat(document.seller().name()).isEqualTo("Voorbeeld Hosting B.V.");
		assertThat(document.seller().vatNumber()).isEqualTo("NL000099998B57");
		assertThat(document.seller().companyId()).isEqualTo("12345678");
		assertThat(document.payTo()).isNotNull();
		assertThat(document.payTo().iban()).isEqualTo("NL91ABNA0417164300");
		assertThat(document.buyer().name()).isEqualTo("Jan Jansen");
		assertThat(document.buyer().street()).isEqualTo("Kerkstraat 1");
		assertThat(document.buyer().email()).isEqualTo("jan@example.org");
		assertThat(document.buyer().electronicAddress().scheme()).isEqualTo("EM");
		assertThat(document.lines()).hasSize(2);
		assertThat(document.lines().get(0).period()).isNotNull();
		assertThat(document.lines().get(1).netAmount()).isEqualByComparingTo("1.01");
		assertThat(document.lines()).allSatisfy(l -> {
			assertThat(l.category()).isEqualTo(VatCategory.STANDARD);
			assertThat(l.ratePercent()).isEqualByComparingTo("21");
		});
		assertThat(document.vat()).singleElement().satisfies(v -> {
			assertThat(v.taxableAmount()).isEqualByComparingTo("10.96");
			assertThat(v.taxAmount()).isEqualByComparingTo("2.30");
		});
		assertThat(document.period()).as("one line has no period").isNull();
		assertThat(invoicing.lines(invoice.id())).satisfiesExactly(first -> {
			assertThat(first.sourceReference()).isEqualTo("subscription:42");
			assertThat(first.period()).isEqualTo(new InvoiceDocument.Period(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31)));
			assertThat(first.netAmount()).isEqualByComparingTo("9.95");
		}, second -> {
			assertThat(second.sourceReference()).isNull();
			assertThat(second.quantity()).isEqualByComparingTo("3");
			assertThat(second.unitPrice()).isEqualByComparingTo("0.3350");
		});
		assertThat(document.totals().payable()).isEqualByComparingTo("13.26");
		assertThat(document.note()).isNull();
		assertThat(document.toString()).doesNotContain("Jansen");
	}

	@Test
	@DisplayName("BIL-1: an EU business with a VAT number VIES validates gets reverse charge; an EU consumer pays Dutch VAT; outside the EU category O")
	void vatPerEuRules() {
		var fake = (FakeVatNumberValidator) vies;
		fake.answer("DE811111111", VatCheck.Status.VALID);
		var reverse = issue(AccountId.random(), business("DE", "DE811111111"));
		assertThat(reverse.vatScheme()).isEqualTo(VatScheme.REVERSE_CHARGE);
		assertThat(reverse.vatTotal()).isEqualByComparingTo("0.00");
		var document = invoicing.toDocument(reverse.id());
		assertThat(document.note()).isEqualTo("VAT reverse charged");
		assertThat(document.buyer().name()).isEqualTo("Muster GmbH");
		assertThat(document.buyer().vatNumber()).isEqualTo("DE811111111");
		assertThat(document.vat()).singleElement().satisfies(v -> {
			assertThat(v.category()).isEqualTo(VatCategory.REVERSE_CHARGE);
			assertThat(v.ratePercent()).isEqualByComparingTo("0");
			assertThat(v.exemptionReason()).contains("Reverse charge");
		});

		fake.answer("DE822222299", VatCheck.Status.INVALID);
		assertThat(issue(AccountId.random(), business("DE", "DE822222299")).vatScheme())
			.as("a VAT number VIES does not know: Dutch VAT").isEqualTo(VatScheme.EU_CONSUMER);
		var belgian = issue(AccountId.random(), consumer("BE"));
		assertThat(belgian.vatScheme()).isEqualTo(VatScheme.EU_CONSUMER);
		assertThat(belgian.vatTotal()).isEqualByComparingTo("2.30");
		var american = issue(AccountId.random(), consumer("US"));
		assertThat(american.vatScheme()).isEqualTo(VatScheme.OUTSIDE_EU);
		assertThat(invoicing.toDocument(american.id()).vat()).singleElement().satisfies(v -> {
			assertThat(v.category()).isEqualTo(VatCategory.OUTSIDE_SCOPE);
			assertThat(v.exemptionReason()).isNotBlank();
		});
		var dutchBusiness = issue(AccountId.random(), new InvoiceRequest.Buyer("Piet Bakker", "Markt 2", "3511 AA",
				"Utrecht", "NL", "Bakker B.V.", "87654321", "NL123456789B01", null, Locale.ENGLISH));
		assertThat(dutchBusiness.vatScheme()).isEqualTo(VatScheme.DOMESTIC);
		assertThat(invoicing.toDocument(dutchBusiness.id()).buyer().electronicAddress())
			.isEqualTo(new InvoiceDocument.ElectronicAddress("0106", "87654321"));
	}

	@Test
	@DisplayName("BIL-1: VIES unavailable refuses the invoice, and neither that nor a rolled-back issue uses a number")
	void failuresUseNoNumber() {
		var fake = (FakeVatNumberValidator) vies;
		fake.answer("FR11111111198", VatCheck.Status.UNAVAILABLE);
		var before = issue(AccountId.random(), consumer("NL"));
		assertThatThrownBy(() -> issue(AccountId.random(), business("FR", "FR11111111198")))
			.isInstanceOf(VatNumberUnverifiable.class);
		var rolledBack = new TransactionTemplate(transactions).execute(tx -> {
			var issued = issue(AccountId.random(), consumer("NL"));
			tx.setRollbackOnly();
			return issued;
		});
		assertThat(invoicing.find(rolledBack.id())).isEmpty();
		var after = issue(AccountId.random(), consumer("NL"));
		if (after.fiscalYear() == before.fiscalYear()) {
			long b = Long.parseLong(before.number().substring(5));
			long a = Long.parseLong(after.number().substring(5));
			// On a shared PostgreSQL another context may issue in between; never is a number skipped by us.
			assertThat(a).isGreaterThan(b);
			assertThat(rolledBack.number()).isEqualTo(InvoiceNumbers.format(before.fiscalYear(), b + 1));
			if (!io.kluis.TestDatabase.postgresql()) {
				assertThat(a).isEqualTo(b + 1);
			}
		}
	}

	@Test
	@DisplayName("BIL-1: malformed requests are refused with the field named and nothing issued")
	void malformedRequestsAreRefused() {
		var account = AccountId.random();
		assertThatThrownBy(() -> invoicing.issue(new InvoiceRequest(account, customerNumber(), consumer("NL"), List.of())))
			.isInstanceOf(InvalidInputException.class).hasMessageContaining("lines");
		assertThatThrownBy(() -> issue(account, consumer("Nederland"))).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("country");
		assertThatThrownBy(() -> issue(account, business("DE", "FR11111111111"))).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("prefix");
		assertThatThrownBy(() -> invoicing.issue(new InvoiceRequest(account, customerNumber(), consumer("NL"),
				List.of(InvoiceRequest.Line.of("Korting", BigDecimal.ONE, "C62", new BigDecimal("-5"))))))
			.isInstanceOf(InvalidInputException.class).hasMessageContaining("credit note");
		assertThat(invoicing.of(account)).isEmpty();
	}

	@Test
	@DisplayName("BIL-1: a credit note takes the next number of the same sequence, refers to the invoice, and never credits more than remains")
	void creditNotes() {
		var account = AccountId.random();
		var invoice = issue(account, consumer("NL"));
		var full = invoicing.credit(invoice.id(), CreditRequest.full("Dubbel gefactureerd"));
		assertThat(full.kind()).isEqualTo(Kind.CREDIT_NOTE);
		assertThat(full.preceding()).isEqualTo(invoice.id());
		assertThat(full.precedingNumber()).isEqualTo(invoice.number());
		assertThat(full.number().substring(0, 5)).isEqualTo(invoice.number().substring(0, 5));
		assertThat(full.number()).isGreaterThan(invoice.number());
		assertThat(full.taxInclusive()).isEqualByComparingTo(invoice.taxInclusive());
		assertThat(full.dueDate()).isNull();
		var document = invoicing.toDocument(full.id());
		assertThat(document.kind()).isEqualTo(Kind.CREDIT_NOTE);
		assertThat(document.precedingInvoice()).isEqualTo(new InvoiceDocument.Preceding(invoice.number(), invoice.issueDate()));
		assertThat(document.note()).contains(invoice.number(), "Dubbel gefactureerd");
		assertThat(document.buyer().name()).isEqualTo("Jan Jansen");
		assertThatThrownBy(() -> invoicing.credit(invoice.id(), CreditRequest.lines(
				List.of(InvoiceRequest.Line.of("Nog meer", BigDecimal.ONE, "C62", new BigDecimal("0.01"))), "Te veel")))
			.isInstanceOf(InvalidInputException.class).hasMessageContaining("exceeds");
		assertThatThrownBy(() -> invoicing.credit(full.id(), CreditRequest.full("Credit van credit")))
			.isInstanceOf(NotFoundException.class);

		var second = issue(account, consumer("NL"));
		var partial = invoicing.credit(second.id(), CreditRequest.lines(
				List.of(InvoiceRequest.Line.of("Storing 2 dagen", BigDecimal.ONE, "C62", new BigDecimal("5.00"))), "Storing"));
		assertThat(partial.taxExclusive()).isEqualByComparingTo("5.00");
		assertThat(partial.vatTotal()).isEqualByComparingTo("1.05");
		assertThat(invoicing.of(account)).hasSize(4);
	}

	@Test
	@DisplayName("RET-3, RIG-8: closing the account leaves the invoices readable and minimised (no email), still in the former customer's export, also by address alone")
	void fiscalRecordSurvivesAccountClosure() {
		var customer = fixtures.verified();
		String address = TestAccounts.uniqueEmail("invoice");
		var buyer = consumer("NL");
		var invoice = issue(customer.id(), new InvoiceRequest.Buyer(buyer.name(), buyer.street(), buyer.postalCode(),
				buyer.city(), "NL", null, null, null, address, buyer.language()));
		var exported = holder.export(DataSubject.of(customer.id())).get(0);
		assertThat(exported.category()).isEqualTo("invoices");
		assertThat(exported.records()).singleElement().satisfies(r -> {
			assertThat(r.get("number")).isEqualTo(invoice.number());
			assertThat(r.get("email")).isEqualTo(address);
			assertThat(r.get("buyerName")).isEqualTo("Jan Jansen");
		});

		AccountClosingForTests.close(context, customer.id());

		assertThat(cipher.isDestroyed(customer.id())).as("the account's key is shredded").isTrue();
		var document = invoicing.toDocument(invoice.id());
		assertThat(document.buyer().name()).isEqualTo("Jan Jansen");
		assertThat(document.buyer().street()).isEqualTo("Kerkstraat 1");
		assertThat(document.buyer().city()).isEqualTo("Utrecht");
		assertThat(document.buyer().email()).isNull();
		assertThat(invoicing.find(invoice.id()).orElseThrow().minimised()).isNotNull();
		var after = holder.export(DataSubject.of(customer.id())).get(0);
		assertThat(after.records()).singleElement().satisfies(r -> {
			assertThat(r.get("number")).isEqualTo(invoice.number());
			assertThat(r.get("email")).isEqualTo("");
			assertThat(r.get("minimisedAt")).isNotEqualTo("");
		});
		var formerCustomer = new DataSubject(null, EmailAddress.of(address.toUpperCase(Locale.ROOT)));
		assertThat(holder.export(formerCustomer).get(0).records()).as("RIG-8: found by address alone")
			.singleElement().satisfies(r -> assertThat(r.get("number")).isEqualTo(invoice.number()));
		var erasedAgain = holder.erase(DataSubject.of(customer.id()));
		assertThat(erasedAgain.kept()).isEqualTo(Map.of("invoices", 1));
		assertThat(erasedAgain.removed()).isEmpty();
		byte[] email = jdbc.sql("select buyer_email_sealed from billing_invoices where id = ?").param(invoice.id().value())
			.query(byte[].class).optional().orElse(null);
		assertThat(email).isNull();
	}

	@Test
	@DisplayName("SEC-4: a customer sees only their own invoices over the API; another's id or a malformed one is a 404")
	void customerApi() throws Exception {
		var customer = fixtures.verified();
		String password = appPasswords.create(customer.id(), "invoices", EnumSet.allOf(AppPasswordScope.class)).secret();
		var mine = issue(customer.id(), consumer("NL"));
		var theirs = issue(AccountId.random(), consumer("NL"));

		var list = send(get("/api/v1/invoices"), customer.email(), password);
		assertThat(list.getStatus()).isEqualTo(200);
		JsonNode json = JSON.readTree(list.getContentAsString(StandardCharsets.UTF_8));
		assertThat(json).hasSize(1);
		assertThat(json.get(0).get("number").asString()).isEqualTo(mine.number());
		assertThat(json.get(0).get("paymentReference").asString()).isEqualTo(mine.paymentReference());
		assertThat(send(get("/api/v1/invoices/" + mine.id()), customer.email(), password).getStatus()).isEqualTo(200);
		assertThat(send(get("/api/v1/invoices/" + theirs.id()), customer.email(), password).getStatus()).isEqualTo(404);
		assertThat(send(get("/api/v1/invoices/not-a-uuid"), customer.email(), password).getStatus()).isEqualTo(404);
		assertThat(send(get("/api/v1/admin/billing/invoices?reason=ACCOUNTING"), customer.email(), password).getStatus())
			.isEqualTo(403);
		assertThat(mvc.perform(get("/api/v1/invoices").accept(MediaType.APPLICATION_JSON)).andReturn().getResponse()
			.getStatus()).isEqualTo(401);
	}

	@Test
	@DisplayName("SEC-4: billing staff search, open and export invoices only with a reason, and every read is in the audit trail")
	void staffApi() throws Exception {
		var staff = fixtures.staff(Set.of(Role.BILLING));
		String password = appPasswords.create(staff.id(), "billing", EnumSet.allOf(AppPasswordScope.class)).secret();
		var account = AccountId.random();
		var invoice = issue(account, consumer("NL"));
		var credit = invoicing.credit(invoice.id(), CreditRequest.full("Fout, met \"komma\", bedrag"));

		var noReason = send(get("/api/v1/admin/billing/invoices?q=" + invoice.customerNumber()), staff.email(), password);
		assertThat(noReason.getStatus()).isEqualTo(400);
		assertThat(noReason.getContentAsString(StandardCharsets.UTF_8)).contains("reason");

		var found = send(get("/api/v1/admin/billing/invoices?reason=BILLING_QUERY&ticket=T-42&q="
				+ invoice.customerNumber()), staff.email(), password);
		assertThat(found.getStatus()).isEqualTo(200);
		JsonNode list = JSON.readTree(found.getContentAsString(StandardCharsets.UTF_8));
		assertThat(list).hasSize(2);
		assertThat(list.get(0).get("number").asString()).isEqualTo(invoice.number());
		assertThat(list.get(1).get("correctsInvoice").asString()).isEqualTo(invoice.number());
		assertThat(found.getContentAsString(StandardCharsets.UTF_8)).doesNotContain("Jansen");

		var opened = send(get("/api/v1/admin/billing/invoices/" + invoice.id() + "?reason=TAX_AUDIT"), staff.email(),
				password);
		assertThat(opened.getStatus()).isEqualTo(200);
		assertThat(opened.getContentAsString(StandardCharsets.UTF_8)).contains("Jan Jansen", invoice.number());
		assertThat(send(get("/api/v1/admin/billing/invoices/" + AccountId.random() + "?reason=TAX_AUDIT"), staff.email(),
				password).getStatus()).isEqualTo(404);
		assertThat(send(get("/api/v1/admin/billing/invoices?reason=CURIOSITY"), staff.email(), password).getStatus())
			.isEqualTo(400);
		assertThat(send(get("/api/v1/admin/billing/invoices?reason=ACCOUNTING&from=yesterday"), staff.email(), password)
			.getStatus()).isEqualTo(400);

		String day = invoice.issueDate().toString();
		var csv = send(get("/api/v1/admin/billing/invoices/export.csv?reason=ACCOUNTING&from=" + day + "&to=" + day),
				staff.email(), password);
		assertThat(csv.getStatus()).isEqualTo(200);
		assertThat(csv.getContentType()).startsWith("text/csv");
		String body = csv.getContentAsString(StandardCharsets.UTF_8);
		assertThat(body).startsWith(String.join(",", InvoiceCsv.HEADER) + "\r\n");
		assertThat(body).contains(invoice.number() + ",invoice," + day, "Jan Jansen", ",10.96,2.30,13.26\r\n");
		assertThat(body).contains(credit.number() + ",credit_note," + day, ",-10.96,-2.30,-13.26\r\n");

		var entries = audit.aboutSubject(staff.id());
		assertThat(entries).extracting(e -> e.code())
			.contains("billing.invoices.listed-by-staff", "billing.invoices.read-by-staff", "billing.invoices.exported-by-staff");
		assertThat(audit.aboutSubject(account)).anySatisfy(e -> {
			assertThat(e.code()).isEqualTo("billing.invoices.read-by-staff");
			assertThat(e.details()).containsEntry("reason", "TAX_AUDIT");
		});
		assertThat(audit.aboutSubject(account)).anySatisfy(e -> {
			assertThat(e.code()).isEqualTo("billing.invoices.listed-by-staff");
			assertThat(e.details()).containsEntry("reason", "BILLING_QUERY").containsEntry("ticket", "T-42");
		});

		var support = fixtures.staff(Set.of(Role.SUPPORT));
		String supportPassword = appPasswords.create(support.id(), "support", EnumSet.allOf(AppPasswordScope.class)).secret();
		assertThat(send(get("/api/v1/admin/billing/invoices?reason=ACCOUNTING"), support.email(), supportPassword)
			.getStatus()).isEqualTo(403);
	}

	MockHttpServletResponse send(MockHttpServletRequestBuilder request, String user, String password) throws Exception {
		return mvc.perform(request.with(httpBasic(user, password))
			.with(TestAccounts.from(TestAccounts.uniqueAddress()))
			.accept(MediaType.APPLICATION_JSON)).andReturn().getResponse();
	}
}
