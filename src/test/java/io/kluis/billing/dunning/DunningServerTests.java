package io.kluis.billing.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisServerTest;
import io.kluis.Mailbox;
import io.kluis.MutableClock;
import io.kluis.TestClock;
import io.kluis.TestDatabase;
import io.kluis.billing.BillingSubscriptions;
import io.kluis.billing.SubscriptionStatus;
import io.kluis.billing.bank.StatementImport;
import io.kluis.billing.invoices.CreditRequest;
import io.kluis.billing.invoices.InvoiceId;
import io.kluis.billing.invoices.Invoicing;
import io.kluis.billing.BillingFixtures;
import io.kluis.billing.settlement.CamtFiles;
import io.kluis.billing.settlement.Settlements;
import io.kluis.identity.Role;
import io.kluis.identity.TestAccounts;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.PersonalDataHolder;
import io.kluis.storage.StorageCustomers;
import io.kluis.storage.files.SpaceKind;
import io.kluis.storage.files.Spaces;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Dunning end to end (issue 10, acceptance 4), on a running server with real WebDAV and real mail, and
 * an injected clock that starts 40 days in the past and is moved to each step of the schedule (so
 * nothing it writes lies in the future of other tests).
 */
@KluisServerTest
@Import(TestClock.class)
@TestPropertySource(properties = { TestClock.OFFSET + "=-40d", TestDatabase.OWN_SCHEMA + "=true" })
@DirtiesContext
class DunningServerTests {

	static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	@Autowired
	ApplicationContext context;

	@Autowired
	MutableClock clock;

	@Autowired
	Dunning dunning;

	@Autowired
	DunningRecords records;

	@Autowired
	Settlements settlements;

	@Autowired
	BillingSubscriptions subscriptions;

	@Autowired
	Invoicing invoicing;

	@Autowired
	StatementImport statements;

	@Autowired
	Spaces spaces;

	@Autowired
	List<PersonalDataHolder> holders;

	@Test
	@DisplayName("BIL-4, SHR-1: an unpaid invoice gets reminders on schedule (NL mail), then its storage is suspended "
			+ "(WebDAV PUT refused, GET works); staff hand it to a collection agency, recorded as a disclosure in the "
			+ "customer's export; a bank payment with the invoice's reference lifts the suspension at once; a credit "
			+ "note for the full amount stops dunning")
	void remindSuspendHandOffAndPay() throws Exception {
		var account = TestAccounts.in(context).verified(Locale.forLanguageTag("nl"));
		var customer = StorageCustomers.in(context).withAppPassword(account, "dav");
		var dav = customer.dav();
		spaces.create(customer.id(), "files", SpaceKind.PLAIN);
		assertThat(dav.put("/dav/files/a.txt", text("one")).statusCode()).isEqualTo(201);
		var billed = BillingFixtures.in(context).billed(account);
		var invoice = billed.invoice();
		assertThat(subscriptions.find(billed.subscription()).orElseThrow().status()).isEqualTo(SubscriptionStatus.ACTIVE);
		var credited = BillingFixtures.in(context).invoice(account, billed.subscription());
		invoicing.credit(credited.id(), CreditRequest.full("Dubbel gefactureerd"));
		LocalDate due = invoice.dueDate();
		assertThat(due).isNotNull();

		at(due.plusDays(6));
		dunning.run();
		assertThat(steps(invoice.id())).as("not yet").isEmpty();

		at(due.plusDays(7));
		dunning.run();
		dunning.run();
		assertThat(steps(invoice.id())).containsExactly(DunningStep.FIRST_REMINDER);
		MimeMessage first = mail(account.email(), "Misschien is het u ontschoten");
		assertThat(first.getSubject()).isEqualTo("Betalingsherinnering: factuur " + invoice.number());
		assertThat(Mailbox.body(first)).contains(invoice.paymentReference()).contains("12,10");

		at(due.plusDays(14));
		dunning.run();
		assertThat(steps(invoice.id())).containsExactly(DunningStep.FIRST_REMINDER, DunningStep.SECOND_REMINDER);
		MimeMessage second = mail(account.email(), "Tweede herinnering");
		assertThat(Mailbox.body(second)).contains(due.plusDays(21).toString());
		assertThat(dav.put("/dav/files/a.txt", text("still writable")).statusCode()).isEqualTo(204);

		at(due.plusDays(21));
		dunning.run();
		assertThat(steps(invoice.id())).containsExactly(DunningStep.FIRST_REMINDER, DunningStep.SECOND_REMINDER,
				DunningStep.SUSPENSION);
		assertThat(subscriptions.find(billed.subscription()).orElseThrow().status())
			.isEqualTo(SubscriptionStatus.SUSPENDED);
		var refused = dav.put("/dav/files/a.txt", text("changed"));
		assertThat(refused.statusCode()).as("suspended storage refuses writes").isEqualTo(403);
		assertThat(dav.put("/dav/files/b.txt", text("new")).statusCode()).isEqualTo(403);
		assertThat(dav.get("/dav/files/a.txt").body()).as("and serves reads").isEqualTo(text("still writable"));
		MimeMessage suspended = mail(account.email(), "Daarom hebben we de diensten waarvoor de factuur is opgeschort");
		assertThat(Mailbox.body(suspended)).contains(invoice.number());
		assertThat(Mailbox.to(account.email()).stream().filter(m -> Mailbox.body(m).contains("Tweede herinnering")))
			.as("each step mailed once").hasSize(1);
		assertThat(steps(credited.id())).as("a credit note for the full amount stops dunning").isEmpty();
		assertThat(settlements.openAmount(credited.id())).isEqualByComparingTo("0.00");

		at(due.plusDays(22));
		var staff = StorageCustomers.in(context).withAppPassword(TestAccounts.in(context).staff(Set.of(Role.BILLING)), "api");
		String path = "/api/v1/admin/billing/invoices/" + invoice.id() + "/collection";
		String body = "{\"agency\":\"collection-agency\",\"reason\":\"UNPAID_AFTER_REMINDERS\",\"ticket\":\"INC-42\"}";
		var handOff = staff.dav().send(staff.dav().request("POST", path, BodyPublishers.ofString(body))
			.header("Content-Type", "application/json"));
		assertThat(handOff.statusCode()).isEqualTo(201);
		assertThat(handOff.body()).contains(invoice.number()).contains("collection-agency");
		assertThat(staff.dav().send(staff.dav().request("POST", path, BodyPublishers.ofString(body))
			.header("Content-Type", "application/json")).statusCode()).as("once").isEqualTo(409);
		var customerTries = dav.send(dav.request("POST", path, BodyPublishers.ofString(body))
			.header("Content-Type", "application/json"));
		assertThat(customerTries.statusCode()).isEqualTo(403);

		Map<String, Object> disclosure = exported(customer.id(), "disclosure-records").records().stream()
			.filter(r -> "collection-agency".equals(r.get("recipient")))
			.findFirst()
			.orElseThrow();
		assertThat(disclosure).containsEntry("purpose", "collection").containsEntry("reference", invoice.number());
		assertThat(String.valueOf(disclosure.get("categories"))).contains("invoices", "billing-profile", "contact-email",
				"billing-dunning");
		assertThat(exported(customer.id(), "billing-dunning").records())
			.filteredOn(r -> invoice.number().equals(r.get("invoiceNumber")))
			.extracting(r -> r.get("step") + "/" + r.get("agency"))
			.containsExactly("FIRST_REMINDER/", "SECOND_REMINDER/", "SUSPENSION/", "COLLECTION/collection-agency");

		at(due.plusDays(23));
		var report = statements.importStatement(CamtFiles.statement().credit("12.10", invoice.paymentReference()).stream());
		assertThat(report.matched()).hasSize(1);
		assertThat(subscriptions.find(billed.subscription()).orElseThrow().status()).as("paying ends the suspension")
			.isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(dav.put("/dav/files/a.txt", text("paid")).statusCode()).isEqualTo(204);
		assertThat(dav.get("/dav/files/a.txt").body()).isEqualTo(text("paid"));

		at(due.plusDays(30));
		dunning.run();
		assertThat(steps(invoice.id())).as("nothing more for a paid invoice").hasSize(4);
	}

	private void at(LocalDate day) {
		clock.set(day.atTime(12, 0).atZone(AMSTERDAM).toInstant());
	}

	private List<DunningStep> steps(InvoiceId invoice) {
		return records.of(invoice).stream().map(DunningRecords.Row::step).toList();
	}

	private ExportedCategory exported(io.kluis.shared.AccountId subject, String category) {
		return holders.stream()
			.flatMap(h -> h.export(DataSubject.of(subject)).stream())
			.filter(c -> c.category().equals(category))
			.findFirst()
			.orElseThrow();
	}

	private static byte[] text(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	/** Waits for the mail to the address whose body contains the text. */
	private static MimeMessage mail(String address, String contains) {
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(30))
			.pollInterval(java.time.Duration.ofMillis(200))
			.until(() -> Mailbox.to(address).stream().anyMatch(m -> Mailbox.body(m).contains(contains)));
		return Mailbox.to(address).stream().filter(m -> Mailbox.body(m).contains(contains)).findFirst().orElseThrow();
	}
}
