package io.kluis.billing.settlement;

import io.kluis.billing.BillingFixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kluis.KluisIntegrationTest;
import io.kluis.billing.BillingSubscriptions;
import io.kluis.billing.SubscriptionStatus;
import io.kluis.billing.bank.ImportReport;
import io.kluis.billing.bank.StatementImport;
import io.kluis.billing.invoices.InvoiceId;
import io.kluis.billing.payments.PaymentId;
import io.kluis.billing.payments.PaymentReceived;
import io.kluis.identity.account.AppPasswordScope;
import io.kluis.identity.account.AppPasswords;
import io.kluis.identity.Role;
import io.kluis.identity.TestAccounts;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Settlements against real invoices (issue 10, acceptance 5): a CAMT.053 statement pays what it matches
 * and changes nothing else; a payment through the provider settles its invoice once; paying activates a
 * pending subscription and ends a suspension; and the collection API refuses what it must.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
@RecordApplicationEvents
@TestPropertySource(properties = "kluis.billing.payment-required=true")
class SettlementIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	StatementImport statements;

	@Autowired
	Settlements settlements;

	@Autowired
	BillingSubscriptions subscriptions;

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	TransactionOperations transactions;

	@Autowired
	ApplicationEvents events;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	AppPasswords appPasswords;

	@Test
	@DisplayName("BIL-1: a CAMT.053 file with matching, partial, unknown and malformed entries against real invoices: "
			+ "the match marks its invoice paid and activates its subscription, the partial leaves the rest open, "
			+ "unknown and malformed are reported, nothing else changes, and a second import pays nothing")
	void camtStatementAgainstRealInvoices() {
		var fixtures = BillingFixtures.in(context);
		var matched = fixtures.billed();
		var partial = fixtures.billed();
		var untouched = fixtures.billed();
		assertThat(subscriptions.find(matched.subscription()).orElseThrow().status())
			.isEqualTo(SubscriptionStatus.PENDING_PAYMENT);
		String unknownReference = "9" + matched.invoice().paymentReference().substring(1);
		var file = CamtFiles.statement()
			.credit("12.10", spaced(matched.invoice().paymentReference()))
			.credit("5.00", partial.invoice().paymentReference())
			.credit("30.00", unknownReference)
			.credit("40.00", null)
			.credit("1,5", untouched.invoice().paymentReference());

		ImportReport report = statements.importStatement(file.stream());

		assertThat(report.matched()).singleElement()
			.satisfies(l -> assertThat(l.reference()).isEqualTo(matched.invoice().paymentReference()));
		assertThat(report.partial()).singleElement()
			.satisfies(l -> assertThat(l.amountOpen()).isEqualByComparingTo("12.10"));
		assertThat(report.unknown()).extracting(ImportReport.Line::reason)
			.containsExactlyInAnyOrder("no open payable with this reference", "no structured payment reference");
		assertThat(report.malformed()).singleElement().satisfies(p -> assertThat(p.entryIndex()).isEqualTo(5));

		assertThat(settlements.openAmount(matched.invoice().id())).isEqualByComparingTo("0.00");
		assertThat(settlements.paid(matched.invoice().id())).isTrue();
		assertThat(settlements.of(matched.invoice().id())).singleElement()
			.satisfies(s -> assertThat(s.source()).isEqualTo(SettlementSource.BANK));
		assertThat(subscriptions.find(matched.subscription()).orElseThrow().status()).as("paying activates it")
			.isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(paid(matched.invoice().id())).isEqualTo(1);

		assertThat(settlements.openAmount(partial.invoice().id())).isEqualByComparingTo("7.10");
		assertThat(settlements.paid(partial.invoice().id())).isFalse();
		assertThat(subscriptions.find(partial.subscription()).orElseThrow().status())
			.isEqualTo(SubscriptionStatus.PENDING_PAYMENT);
		assertThat(paid(partial.invoice().id())).isZero();

		assertThat(settlements.openAmount(untouched.invoice().id())).isEqualByComparingTo("12.10");
		assertThat(settlements.of(untouched.invoice().id())).isEmpty();
		assertThat(subscriptions.find(untouched.subscription()).orElseThrow().status())
			.isEqualTo(SubscriptionStatus.PENDING_PAYMENT);

		ImportReport again = statements.importStatement(file.stream());
		assertThat(again.matched()).isEmpty();
		assertThat(again.partial()).isEmpty();
		assertThat(again.alreadyImported()).hasSize(2);
		assertThat(settlements.of(matched.invoice().id())).hasSize(1);
		assertThat(settlements.openAmount(partial.invoice().id())).isEqualByComparingTo("7.10");
		assertThat(paid(matched.invoice().id())).as("InvoicePaid once").isEqualTo(1);

		var rest = CamtFiles.statement().credit("7.10", partial.invoice().paymentReference());
		assertThat(statements.importStatement(rest.stream()).matched()).hasSize(1);
		assertThat(settlements.openAmount(partial.invoice().id())).isEqualByComparingTo("0.00");
		assertThat(subscriptions.find(partial.subscription()).orElseThrow().status()).isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(paid(partial.invoice().id())).isEqualTo(1);
	}

	@Test
	@DisplayName("BIL-1: a PaymentReceived for an invoice (by its id) settles it once however often it is published, "
			+ "and ends the suspension of its subscription at once")
	void paymentReceivedSettlesOnceAndResumes() {
		var billed = BillingFixtures.in(context).billed();
		subscriptions.markPaid(billed.subscription());
		var second = BillingFixtures.in(context).invoice(billed.account(), billed.subscription());
		subscriptions.suspend(billed.subscription());
		var payment = new PaymentReceived(PaymentId.random(), billed.account().id(), second.id().toString(),
				new BigDecimal("12.10"), Instant.now());

		transactions.executeWithoutResult(tx -> publisher.publishEvent(payment));
		transactions.executeWithoutResult(tx -> publisher.publishEvent(payment));

		assertThat(settlements.of(second.id())).singleElement().satisfies(s -> {
			assertThat(s.source()).isEqualTo(SettlementSource.PAYMENT);
			assertThat(s.sourceKey()).isEqualTo(payment.paymentId().toString());
		});
		assertThat(paid(second.id())).isEqualTo(1);
		assertThat(subscriptions.find(billed.subscription()).orElseThrow().status()).isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(settlements.openAmount(billed.invoice().id())).as("the other invoice stays open")
			.isEqualByComparingTo("12.10");

		var byReference = new PaymentReceived(PaymentId.random(), billed.account().id(),
				billed.invoice().paymentReference(), new BigDecimal("12.10"), Instant.now());
		transactions.executeWithoutResult(tx -> publisher.publishEvent(byReference));
		assertThat(settlements.openAmount(billed.invoice().id())).as("the payment reference works too")
			.isEqualByComparingTo("0.00");

		var someoneElse = BillingFixtures.in(context).billed();
		var foreign = new PaymentReceived(PaymentId.random(), billed.account().id(), someoneElse.invoice().id().toString(),
				new BigDecimal("12.10"), Instant.now());
		transactions.executeWithoutResult(tx -> publisher.publishEvent(foreign));
		assertThat(settlements.of(someoneElse.invoice().id())).as("another account's invoice is not paid by it").isEmpty();
	}

	@Test
	@DisplayName("BIL-4: the collection hand-off API refuses customers (403), unknown invoices (404), a recipient that "
			+ "is no collection agency or a missing reason (400), and an invoice whose dunning has not reached "
			+ "suspension (409)")
	void collectionApiRefusals() throws Exception {
		var billed = BillingFixtures.in(context).billed();
		String path = "/api/v1/admin/billing/invoices/" + billed.invoice().id() + "/collection";
		String body = "{\"agency\":\"collection-agency\",\"reason\":\"UNPAID_AFTER_REMINDERS\"}";
		var accounts = TestAccounts.in(context);
		String customerSecret = secret(billed.account());
		var staff = accounts.staff(Set.of(Role.BILLING));
		String staffSecret = secret(staff);

		call(path, body, billed.account().email(), customerSecret).andExpect(status().isForbidden());
		call("/api/v1/admin/billing/invoices/" + UUID.randomUUID() + "/collection", body, staff.email(), staffSecret)
			.andExpect(status().isNotFound());
		call("/api/v1/admin/billing/invoices/not-an-id/collection", body, staff.email(), staffSecret)
			.andExpect(status().isNotFound());
		call(path, "{\"agency\":\"authorities\",\"reason\":\"UNPAID_AFTER_REMINDERS\"}", staff.email(), staffSecret)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("agency")));
		call(path, "{\"agency\":\"collection-agency\"}", staff.email(), staffSecret).andExpect(status().isBadRequest());
		call(path, "{\"agency\":", staff.email(), staffSecret).andExpect(status().isBadRequest());
		call(path, body, staff.email(), staffSecret).andExpect(status().isConflict());
		assertThat(jdbc.sql("select count(*) from billing_dunning_steps where invoice_id = ?")
			.param(billed.invoice().id().value())
			.query(Integer.class)
			.single()).isZero();
	}

	private String secret(TestAccounts.Known account) {
		return appPasswords.create(account.id(), "api", EnumSet.allOf(AppPasswordScope.class)).secret();
	}

	private org.springframework.test.web.servlet.ResultActions call(String path, String body, String email, String secret)
			throws Exception {
		return mvc.perform(post(path).with(httpBasic(email, secret)).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	private long paid(InvoiceId invoice) {
		return events.stream(InvoicePaid.class).filter(e -> e.invoice().equals(invoice)).count();
	}

	private static String spaced(String reference) {
		return reference.replaceAll("(.{4})(?!$)", "$1 ");
	}

	@Test
	@DisplayName("BIL-3: the open amounts of a customer's invoice list in one call equal each invoice's open amount "
			+ "(untouched, partly paid, paid, credited); unknown ids are absent")
	void openAmountsInOneCall() {
		var fixtures = BillingFixtures.in(context);
		var account = io.kluis.identity.TestAccounts.in(context).verified(java.util.Locale.ENGLISH);
		var untouched = fixtures.openInvoice(account);
		var partly = fixtures.openInvoice(account);
		var paid = fixtures.openInvoice(account);
		var credited = fixtures.openInvoice(account);
		java.time.Instant now = java.time.Instant.now();
		settlements.settle(partly.id(), new java.math.BigDecimal("1.00"), SettlementSource.STAFF, "t-" + partly.id(), now);
		settlements.settle(paid.id(), new java.math.BigDecimal("2.42"), SettlementSource.STAFF, "t-" + paid.id(), now);
		context.getBean(io.kluis.billing.invoices.Invoicing.class)
			.credit(credited.id(), io.kluis.billing.invoices.CreditRequest.full("cancelled"));
		var unknown = new io.kluis.billing.invoices.InvoiceId(java.util.UUID.randomUUID());

		var open = settlements.openAmounts(java.util.List.of(untouched.id(), partly.id(), paid.id(), credited.id(), unknown));

		assertThat(open).containsOnlyKeys(untouched.id(), partly.id(), paid.id(), credited.id());
		assertThat(open.get(untouched.id())).isEqualByComparingTo("2.42");
		assertThat(open.get(partly.id())).isEqualByComparingTo("1.42");
		assertThat(open.get(paid.id())).isEqualByComparingTo("0.00");
		assertThat(open.get(credited.id())).isEqualByComparingTo("0.00");
		open.forEach((id, amount) -> assertThat(amount).isEqualTo(settlements.openAmount(id)));
		assertThat(settlements.openAmounts(java.util.List.of())).isEmpty();
	}
}
