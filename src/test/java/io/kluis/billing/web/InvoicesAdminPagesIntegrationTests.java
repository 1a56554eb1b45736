package io.kluis.billing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.kluis.KluisIntegrationTest;
import io.kluis.MutableClock;
import io.kluis.TestClock;
import io.kluis.TestDatabase;
import io.kluis.WithMailbox;
import io.kluis.audit.AuditEntry;
import io.kluis.audit.AuditTrail;
import io.kluis.billing.document.InvoiceDocument;
import io.kluis.billing.dunning.Dunning;
import io.kluis.billing.invoices.InvoiceRequest;
import io.kluis.billing.invoices.Invoicing;
import io.kluis.billing.invoices.IssuedInvoice;
import io.kluis.billing.settlement.Settlements;
import io.kluis.identity.Role;
import io.kluis.identity.TestAccounts;
import io.kluis.shared.AccountId;
import io.kluis.shared.CustomerNumber;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The staff invoice pages on a real database: no customer billing data before a reason, every read in
 * the audit trail with its reason, the accountant's CSV, the collection hand-off recorded as a
 * disclosure, a full credit note, and refusals (role, CSRF, bad input, unknown ids). The clock starts
 * 40 days in the past so that an invoice issued at the start is overdue (and suspended by a dunning run)
 * once the clock is set to now; the class has its own schema because the dunning run sees every invoice.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
@Import(TestClock.class)
@TestPropertySource(properties = { TestClock.OFFSET + "=-40d", TestDatabase.OWN_SCHEMA + "=true" })
@DirtiesContext
class InvoicesAdminPagesIntegrationTests extends WithMailbox {

	static final SecureRandom RANDOM = new SecureRandom();

	static final String PATH = "/admin/billing/invoices";

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	Invoicing invoicing;

	@Autowired
	Settlements settlements;

	@Autowired
	Dunning dunning;

	@Autowired
	AuditTrail audit;

	@Autowired
	MutableClock clock;

	@Autowired
	List<PersonalDataHolder> holders;

	TestAccounts fixtures;

	Authentication billing;

	@BeforeEach
	void setUp() {
		clock.reset();
		fixtures = TestAccounts.in(context);
		billing = fixtures.authentication(fixtures.staff(Set.of(Role.BILLING)).id(), true);
	}

	@Test
	@DisplayName("SEC-4: the invoice pages show no billing data before a reason is given; the search and the opened "
			+ "invoice (with its lines and downloads) are audited with the reason and ticket")
	void readsNeedAReasonAndAreAudited() throws Exception {
		var account = fixtures.verified(Locale.ENGLISH);
		var invoice = issue(account.id());
		var form = page(get(PATH), billing);
		assertThat(form.getStatus()).isEqualTo(200);
		assertThat(form.getContentAsString()).contains("name=\"reason\"", "name=\"_csrf\"")
			.doesNotContain(invoice.number());
		var dutch = mvc.perform(get(PATH).with(authentication(billing)).locale(Locale.forLanguageTag("nl"))).andReturn()
			.getResponse();
		assertThat(dutch.getContentAsString()).contains("Facturen en creditnota&#39;s zoeken", "Kies een reden");

		var noReason = page(post(PATH).with(csrf()).param("q", invoice.customerNumber().value()), billing);
		assertThat(noReason.getStatus()).isEqualTo(400);
		assertThat(noReason.getContentAsString()).contains("reason is required").doesNotContain(invoice.number());
		assertThat(codes(account.id())).doesNotContain("billing.invoices.listed-by-staff");

		var found = page(post(PATH).with(csrf()).param("reason", "BILLING_QUERY").param("ticket", "T-7")
			.param("q", invoice.customerNumber().value()), billing);
		assertThat(found.getStatus()).isEqualTo(200);
		assertThat(found.getContentAsString()).contains("id=\"open-" + invoice.number() + "\"", "12.10", "Open",
				"reason: Billing question");
		assertThat(entry(account.id(), "billing.invoices.listed-by-staff").details())
			.containsEntry("reason", "BILLING_QUERY").containsEntry("ticket", "T-7").containsEntry("count", "1");

		var noReasonToOpen = page(post(PATH + "/" + invoice.id()).with(csrf()), billing);
		assertThat(noReasonToOpen.getStatus()).isEqualTo(400);
		assertThat(noReasonToOpen.getContentAsString()).doesNotContain("Jan Jansen");
		assertThat(codes(account.id())).doesNotContain("billing.invoices.read-by-staff");

		var opened = page(post(PATH + "/" + invoice.id()).with(csrf()).param("reason", "TAX_AUDIT")
			.param("ticket", "T-7"), billing);
		assertThat(opened.getStatus()).isEqualTo(200);
		assertThat(opened.getContentAsString()).contains("Jan Jansen", "Kerkstraat 1", "Opslag 1 TB", invoice.number(),
				"12.10", "id=\"download-pdf\"", "id=\"credit-note\"")
			.as("not overdue: no hand-off").doesNotContain("id=\"collection\"");
		assertThat(entry(account.id(), "billing.invoices.read-by-staff").details())
			.containsEntry("reason", "TAX_AUDIT").containsEntry("invoice", invoice.id().toString());

		int reads = codes(account.id()).size();
		var pdf = page(post(PATH + "/" + invoice.id() + "/pdf").with(csrf()).param("reason", "TAX_AUDIT"), billing);
		assertThat(pdf.getStatus()).isEqualTo(200);
		assertThat(pdf.getContentType()).isEqualTo("application/pdf");
		assertThat(pdf.getHeader("Content-Disposition")).contains("invoice-" + invoice.number() + ".pdf");
		assertThat(new String(pdf.getContentAsByteArray(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		var ubl = page(post(PATH + "/" + invoice.id() + "/ubl").with(csrf()).param("reason", "TAX_AUDIT"), billing);
		assertThat(ubl.getContentAsString()).contains(invoice.number());
		assertThat(codes(account.id())).as("each download is an audited read").hasSize(reads + 2);
	}

	@Test
	@DisplayName("SEC-4: customers, support staff and administrators without the BILLING role are refused (403); "
			+ "a form without its CSRF token is refused and reads nothing")
	void rolesAndCsrf() throws Exception {
		var account = fixtures.verified(Locale.ENGLISH);
		var invoice = issue(account.id());
		var customer = fixtures.authentication(account.id(), false);
		var support = fixtures.authentication(fixtures.staff(Set.of(Role.SUPPORT)).id(), true);
		var admin = fixtures.authentication(fixtures.staff(Set.of(Role.ADMIN)).id(), true);
		for (var who : List.of(customer, support, admin)) {
			assertThat(page(get(PATH), who).getStatus()).isEqualTo(403);
			assertThat(page(post(PATH).with(csrf()).param("reason", "ACCOUNTING"), who).getStatus()).isEqualTo(403);
			assertThat(page(post(PATH + "/" + invoice.id()).with(csrf()).param("reason", "ACCOUNTING"), who).getStatus())
				.isEqualTo(403);
			assertThat(page(post(PATH + "/" + invoice.id() + "/credit-note").with(csrf()).param("text", "x")
				.param("confirmed", "true"), who).getStatus()).isEqualTo(403);
		}
		var withoutToken = page(post(PATH + "/" + invoice.id()).param("reason", "ACCOUNTING"), billing);
		assertThat(withoutToken.getStatus()).isEqualTo(403);
		assertThat(withoutToken.getContentAsString()).doesNotContain("Jan Jansen");
		assertThat(page(post(PATH).param("reason", "ACCOUNTING").param("q", invoice.number()), billing).getStatus())
			.isEqualTo(403);
		assertThat(codes(account.id())).isEmpty();
		assertThat(invoicing.of(account.id())).as("no credit note").hasSize(1);
	}

	@Test
	@DisplayName("SEC-4: bad input is a 400 naming the field (dates, reason, ticket); an unknown or malformed invoice "
			+ "id is a 404")
	void badInputAndUnknownIds() throws Exception {
		var badDate = page(post(PATH).with(csrf()).param("reason", "ACCOUNTING").param("from", "yesterday"), billing);
		assertThat(badDate.getStatus()).isEqualTo(400);
		assertThat(badDate.getContentAsString()).contains("from: a date like 2026-12-31", "id=\"invoices-invalid\"");
		assertThat(page(post(PATH).with(csrf()).param("reason", "CURIOSITY"), billing).getStatus()).isEqualTo(400);
		var badTicket = page(post(PATH).with(csrf()).param("reason", "ACCOUNTING").param("ticket", "no spaces"), billing);
		assertThat(badTicket.getStatus()).isEqualTo(400);
		assertThat(badTicket.getContentAsString()).contains("ticket reference");
		assertThat(page(post(PATH + "/" + UUID.randomUUID()).with(csrf()).param("reason", "ACCOUNTING"), billing)
			.getStatus()).isEqualTo(404);
		assertThat(page(post(PATH + "/not-an-id").with(csrf()).param("reason", "ACCOUNTING"), billing).getStatus())
			.isEqualTo(404);
		assertThat(page(post(PATH + "/" + UUID.randomUUID() + "/collection").with(csrf()).param("confirmed", "true"),
				billing).getStatus()).isEqualTo(404);
		var exportWithoutTo = page(post(PATH + "/export").with(csrf()).param("reason", "ACCOUNTING")
			.param("from", "2026-01-01"), billing);
		assertThat(exportWithoutTo.getStatus()).isEqualTo(400);
		assertThat(exportWithoutTo.getContentAsString()).contains("from and to are required");
		var backwards = page(post(PATH + "/export").with(csrf()).param("reason", "ACCOUNTING").param("from", "2026-02-01")
			.param("to", "2026-01-01"), billing);
		assertThat(backwards.getStatus()).isEqualTo(400);
	}

	@Test
	@DisplayName("SEC-4: the accountant's CSV downloads from the page for a period, with a reason, and is audited")
	void csvExport() throws Exception {
		var invoice = issue(fixtures.verified(Locale.ENGLISH).id());
		String day = invoice.issueDate().toString();
		var noReason = page(post(PATH + "/export").with(csrf()).param("from", day).param("to", day), billing);
		assertThat(noReason.getStatus()).isEqualTo(400);
		assertThat(noReason.getContentType()).startsWith("text/html");

		var csv = page(post(PATH + "/export").with(csrf()).param("reason", "ACCOUNTING").param("ticket", "BOOK-2026")
			.param("from", day).param("to", day), billing);
		assertThat(csv.getStatus()).isEqualTo(200);
		assertThat(csv.getContentType()).startsWith("text/csv");
		assertThat(csv.getHeader("Content-Disposition")).contains("attachment", "invoices-" + day + "-" + day + ".csv");
		assertThat(csv.getContentAsString(StandardCharsets.UTF_8)).startsWith("number,type,")
			.contains(invoice.number() + ",invoice," + day, "Jan Jansen");
		var staffId = io.kluis.shared.web.SignedIn.of(billing).orElseThrow();
		assertThat(audit.aboutSubject(staffId)).anySatisfy(e -> {
			assertThat(e.code()).isEqualTo("billing.invoices.exported-by-staff");
			assertThat(e.details()).containsEntry("reason", "ACCOUNTING").containsEntry("ticket", "BOOK-2026")
				.containsEntry("from", day).containsEntry("to", day);
		});
	}

	@Test
	@DisplayName("BIL-4, SHR-1: on an overdue, suspended invoice's page staff hand it to the collection agency after "
			+ "confirming; the hand-off is recorded as a disclosure in the customer's export and audited; only once")
	void collectionHandOffFromThePage() throws Exception {
		var account = fixtures.verified(Locale.ENGLISH);
		var invoice = issue(account.id());
		clock.set(Instant.now());
		dunning.run();

		var opened = page(post(PATH + "/" + invoice.id()).with(csrf()).param("reason", "BILLING_QUERY"), billing);
		assertThat(opened.getContentAsString()).contains("id=\"status\">Overdue", "id=\"collection\"",
				"value=\"collection-agency\"");

		var unconfirmed = page(post(PATH + "/" + invoice.id() + "/collection").with(csrf())
			.param("agency", "collection-agency").param("reason", "UNPAID_AFTER_REMINDERS"), billing);
		assertThat(unconfirmed.getStatus()).isEqualTo(400);
		assertThat(unconfirmed.getContentAsString()).contains("The invoice was not handed off");
		assertThat(disclosures(account.id())).isEmpty();

		var handedOff = page(post(PATH + "/" + invoice.id() + "/collection").with(csrf())
			.param("agency", "collection-agency").param("reason", "UNPAID_AFTER_REMINDERS").param("ticket", "INC-9")
			.param("confirmed", "true"), billing);
		assertThat(handedOff.getStatus()).isEqualTo(200);
		assertThat(handedOff.getContentAsString()).contains("id=\"action-done\"", invoice.number(), "collection-agency");
		assertThat(disclosures(account.id())).singleElement().satisfies(d -> {
			assertThat(d).containsEntry("recipient", "collection-agency").containsEntry("purpose", "collection")
				.containsEntry("reference", invoice.number());
		});
		assertThat(entry(account.id(), "billing.invoice.handed-to-collection").details())
			.containsEntry("reason", "UNPAID_AFTER_REMINDERS").containsEntry("ticket", "INC-9");

		var again = page(post(PATH + "/" + invoice.id() + "/collection").with(csrf())
			.param("agency", "collection-agency").param("reason", "UNPAID_AFTER_REMINDERS").param("confirmed", "true"),
				billing);
		assertThat(again.getStatus()).isEqualTo(409);
		assertThat(disclosures(account.id())).hasSize(1);
		assertThat(page(post(PATH + "/" + invoice.id()).with(csrf()).param("reason", "BILLING_QUERY"), billing)
			.getContentAsString()).contains("id=\"collection-stage\"").doesNotContain("id=\"collection\"");
	}

	@Test
	@DisplayName("BIL-1: staff issue a full credit note from the invoice page after confirming; it is audited and "
			+ "leaves nothing open; a second one is refused")
	void fullCreditNoteFromThePage() throws Exception {
		var account = fixtures.verified(Locale.ENGLISH);
		var invoice = issue(account.id());
		var unconfirmed = page(post(PATH + "/" + invoice.id() + "/credit-note").with(csrf())
			.param("text", "Charged twice"), billing);
		assertThat(unconfirmed.getStatus()).isEqualTo(400);
		assertThat(invoicing.of(account.id())).hasSize(1);

		var credited = page(post(PATH + "/" + invoice.id() + "/credit-note").with(csrf()).param("text", "Charged twice")
			.param("ticket", "T-1").param("confirmed", "true"), billing);
		assertThat(credited.getStatus()).isEqualTo(200);
		var creditNote = invoicing.of(account.id()).stream()
			.filter(i -> i.kind() == InvoiceDocument.Kind.CREDIT_NOTE)
			.findFirst()
			.orElseThrow();
		assertThat(creditNote.precedingNumber()).isEqualTo(invoice.number());
		assertThat(creditNote.taxInclusive()).isEqualByComparingTo("12.10");
		assertThat(credited.getContentAsString()).contains(creditNote.number(), "12.10");
		assertThat(settlements.openAmount(invoice.id())).isEqualByComparingTo("0");
		assertThat(entry(account.id(), "billing.invoices.credited-by-staff").details())
			.containsEntry("invoice", invoice.id().toString()).containsEntry("creditNote", creditNote.id().toString())
			.containsEntry("ticket", "T-1");

		var again = page(post(PATH + "/" + invoice.id() + "/credit-note").with(csrf()).param("text", "Again")
			.param("confirmed", "true"), billing);
		assertThat(again.getStatus()).isEqualTo(400);
		assertThat(again.getContentAsString()).contains("exceeds");
		assertThat(page(post(PATH + "/" + creditNote.id() + "/credit-note").with(csrf()).param("text", "x")
			.param("confirmed", "true"), billing).getStatus()).as("a credit note is not credited").isEqualTo(404);
	}

	IssuedInvoice issue(AccountId account) {
		var buyer = new InvoiceRequest.Buyer("Jan Jansen", "Kerkstraat 1", "1234 AB", "Utrecht", "NL", null, null, null,
				"jan@example.org", Locale.ENGLISH);
		var line = new InvoiceRequest.Line("Opslag 1 TB", BigDecimal.ONE, "MON", new BigDecimal("10.00"), null, null);
		return invoicing.issue(new InvoiceRequest(account,
				CustomerNumber.fromDigits(String.format("%08d", RANDOM.nextInt(100_000_000))), buyer, List.of(line)));
	}

	MockHttpServletResponse page(MockHttpServletRequestBuilder request, Authentication as) throws Exception {
		return mvc.perform(request.with(authentication(as)).locale(Locale.ENGLISH)).andReturn().getResponse();
	}

	List<String> codes(AccountId subject) {
		return audit.aboutSubject(subject).stream().map(AuditEntry::code).filter(c -> c.endsWith("-by-staff")).toList();
	}

	AuditEntry entry(AccountId subject, String code) {
		return audit.aboutSubject(subject).stream().filter(e -> e.code().equals(code)).reduce((a, b) -> b).orElseThrow();
	}

	List<Map<String, Object>> disclosures(AccountId subject) {
		return holders.stream()
			.flatMap(h -> h.export(DataSubject.of(subject)).stream())
			.filter(c -> c.category().equals("disclosure-records"))
			.findFirst()
			.map(ExportedCategory::records)
			.orElse(List.of())
			.stream()
			.filter(r -> "collection-agency".equals(r.get("recipient")))
			.toList();
	}
}
