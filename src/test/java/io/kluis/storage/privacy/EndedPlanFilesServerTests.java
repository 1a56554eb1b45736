package io.kluis.storage.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisServerTest;
import io.kluis.Mailbox;
import io.kluis.MutableClock;
import io.kluis.TestClock;
import io.kluis.TestDatabase;
import io.kluis.billing.BillingSubscriptions;
import io.kluis.billing.SubscriptionStatus;
import io.kluis.billing.invoices.Invoicing;
import io.kluis.billing.BillingFixtures;
import io.kluis.billing.subscriptions.SubscriptionLifecycle;
import io.kluis.billing.subscriptions.TermEnds;
import io.kluis.identity.AccountLookup;
import io.kluis.identity.TestAccounts;
import io.kluis.privacy.Evidence;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.register.RetentionTrigger;
import io.kluis.privacy.retention.RetentionEngine;
import io.kluis.privacy.retention.RetentionRun;
import io.kluis.shared.AccountId;
import io.kluis.storage.DavClient;
import io.kluis.storage.StorageCustomers;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.ReadOnlyStorage;
import io.kluis.storage.files.SpaceKind;
import io.kluis.storage.files.Spaces;
import io.kluis.storage.files.Usage;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The files of an ended storage plan (issue 10: "storage: read-only, then the register's period, then
 * erased"), on a running server with real WebDAV and real mail. The clock starts 100 days in the past
 * and is moved through the month's term and the register's period, so nothing written lies in the
 * future of other tests; retention runs for real, so on PostgreSQL the context has its own schema.
 */
@KluisServerTest
@Import(TestClock.class)
@TestPropertySource(properties = { TestClock.OFFSET + "=-100d", TestDatabase.OWN_SCHEMA + "=true" })
@DirtiesContext
class EndedPlanFilesServerTests {

	static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	static final String RULE = "ended-plan-files";

	@Autowired
	ApplicationContext context;

	@Autowired
	MutableClock clock;

	@Autowired
	SubscriptionLifecycle lifecycle;

	@Autowired
	BillingSubscriptions subscriptions;

	@Autowired
	TermEnds termEnds;

	@Autowired
	RetentionEngine engine;

	@Autowired
	Evidence evidence;

	@Autowired
	ProcessingRegister register;

	@Autowired
	ReadOnlyStorage readOnly;

	@Autowired
	Spaces spaces;

	@Autowired
	FileTree tree;

	@Autowired
	Usage usage;

	@Autowired
	AccountLookup accounts;

	@Autowired
	Invoicing invoicing;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	io.kluis.notifications.Notifications notifications;

	@BeforeEach
	void clockAtItsStart() {
		clock.reset();
	}

	@Test
	@DisplayName("RET-2, RET-3, RET-6, BIL-6: when a storage plan ends the files stay readable and writes get 403, "
			+ "the customer is mailed the erasure date; before the register's period nothing is erased (the dry run "
			+ "lists it), after it the retention run erases every space, the trash and the blobs, with evidence; the "
			+ "account and the billing records remain")
	void endedPlanFilesAreErasedAfterThePeriod() throws Exception {
		var account = TestAccounts.in(context).verified(Locale.forLanguageTag("nl"));
		var customer = StorageCustomers.in(context).withAppPassword(account, "dav");
		DavClient dav = customer.dav();
		AccountId id = customer.id();
		var billed = BillingFixtures.in(context).billed(account);
		spaces.create(id, "files", SpaceKind.PLAIN);
		assertThat(dav.method("MKCOL", "/dav/files/docs").statusCode()).isEqualTo(201);
		assertThat(dav.put("/dav/files/docs/a.txt", text("one")).statusCode()).isEqualTo(201);
		assertThat(dav.put("/dav/files/large.bin", large()).statusCode()).as("a blob-store file").isEqualTo(201);
		assertThat(dav.put("/dav/files/gone.txt", text("trash")).statusCode()).isEqualTo(201);
		assertThat(dav.method("DELETE", "/dav/files/gone.txt").statusCode()).isEqualTo(204);
		spaces.find(id, "vault").orElseThrow();
		assertThat(dav.put("/dav/vault/masterkey.cryptomator", text("ciphertext")).statusCode()).isEqualTo(201);
		List<String> blobs = blobsOf(id);
		assertThat(blobs).hasSize(4);

		Instant since = endPlan(id, billed.subscription().value());
		assertThat(readOnly.reasons(id)).containsExactly(ReadOnlyStorage.Reason.SERVICE_ENDED);
		assertThat(readOnly.set(id, ReadOnlyStorage.Reason.SERVICE_ENDED)).as("already set: since stays").isFalse();
		assertThat(readOnly.since(id, ReadOnlyStorage.Reason.SERVICE_ENDED)).contains(since);
		var refused = dav.put("/dav/files/docs/a.txt", text("changed"));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("plan has ended");
		assertThat(dav.put("/dav/files/new.txt", text("new")).statusCode()).isEqualTo(403);
		assertThat(dav.get("/dav/files/docs/a.txt").body()).as("still readable").isEqualTo(text("one"));

		Instant erasable = since.atZone(AMSTERDAM).plus(period()).toInstant();
		String date = erasable.atZone(AMSTERDAM).toLocalDate()
			.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("nl")));
		MimeMessage notice = mail(account.email(), "Uw opslagabonnement bij");
		assertThat(notice.getSubject()).contains("alleen nog leesbaar");
		assertThat(Mailbox.body(notice)).contains("vanaf " + date, "/panel/billing");
		termEnds.run();
		assertThat(Mailbox.to(account.email()).stream().filter(m -> Mailbox.body(m).contains("vanaf " + date)))
			.as("mailed once, however often the job runs").hasSize(1);

		// Just before the period has passed: nothing found, nothing erased.
		clock.set(erasable.minusSeconds(60));
		assertThat(count(engine.run(clock.instant(), false, Set.of(RULE)))).isZero();
		assertThat(dav.get("/dav/files/docs/a.txt").statusCode()).isEqualTo(200);

		// After it: the dry run lists everything (a.txt, docs, large.bin, the trashed gone.txt, the masterkey) and
		// erases nothing; the run removes exactly that, with an evidence record.
		clock.set(erasable.plus(Duration.ofHours(1)));
		Instant asOf = clock.instant();
		int predicted = count(engine.run(asOf, true, Set.of(RULE)));
		assertThat(predicted).isEqualTo(5);
		assertThat(dav.get("/dav/files/docs/a.txt").body()).as("a dry run erases nothing").isEqualTo(text("one"));
		RetentionRun real = engine.run(asOf, false, Set.of(RULE));
		assertThat(real.failed()).isFalse();
		assertThat(count(real)).isEqualTo(predicted);
		assertThat(evidence.recent(50)).anySatisfy(e -> {
			assertThat(e.kind()).isEqualTo(Evidence.Kind.RETENTION);
			assertThat(e.asOf()).isEqualTo(asOf);
			assertThat(e.removed()).containsExactly(Map.entry("stored-files", 5));
		});

		assertThat(spaces.existing(id)).as("every space erased, the vault too").isEmpty();
		assertThat(blobs).allSatisfy(blob -> assertThat(tree.contentsExist(blob)).as("blob " + blob).isFalse());
		assertThat(usage.of(id).used()).isZero();
		assertThat(dav.get("/dav/files/docs/a.txt").statusCode()).isEqualTo(404);
		assertThat(accounts.find(id)).as("the account stays").isPresent();
		assertThat(subscriptions.find(billed.subscription()).orElseThrow().status()).isEqualTo(SubscriptionStatus.ENDED);
		assertThat(invoicing.of(id)).as("the invoices stay").isNotEmpty();
		assertThat(readOnly.reasons(id)).as("read-only until a new plan").containsExactly(ReadOnlyStorage.Reason.SERVICE_ENDED);

		assertThat(count(engine.run(clock.instant().plus(Duration.ofDays(1)), false, Set.of(RULE))))
			.as("a later run finds nothing twice").isZero();
	}

	@Test
	@DisplayName("RET-2, BIL-6: a customer who orders a new storage plan within the period keeps every file, and the "
			+ "retention run after the period leaves them alone; the mail at the plan's end is in their language")
	void aNewPlanWithinThePeriodKeepsTheFiles() throws Exception {
		var account = TestAccounts.in(context).verified(Locale.ENGLISH);
		var customer = StorageCustomers.in(context).withAppPassword(account, "dav");
		DavClient dav = customer.dav();
		AccountId id = customer.id();
		var billed = BillingFixtures.in(context).billed(account);
		spaces.create(id, "files", SpaceKind.PLAIN);
		assertThat(dav.put("/dav/files/a.txt", text("one")).statusCode()).isEqualTo(201);
		assertThat(dav.put("/dav/files/large.bin", large()).statusCode()).isEqualTo(201);
		List<String> blobs = blobsOf(id);

		Instant since = endPlan(id, billed.subscription().value());
		Instant erasable = since.atZone(AMSTERDAM).plus(period()).toInstant();
		String date = erasable.atZone(AMSTERDAM).toLocalDate()
			.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH));
		MimeMessage notice = mail(account.email(), "Your storage plan at");
		assertThat(notice.getSubject()).contains("your files are read-only");
		assertThat(Mailbox.body(notice)).contains("from " + date, "Your account stays");
		assertThat(dav.put("/dav/files/b.txt", text("two")).statusCode()).isEqualTo(403);

		clock.set(since.plus(Duration.ofDays(30)));
		BillingFixtures.in(context).billed(account);
		assertThat(readOnly.reasons(id)).as("a new plan lifts the read-only state").isEmpty();
		assertThat(dav.put("/dav/files/b.txt", text("two")).statusCode()).isEqualTo(201);

		clock.set(erasable.plus(Duration.ofDays(1)));
		assertThat(count(engine.run(clock.instant(), true, Set.of(RULE)))).isZero();
		assertThat(count(engine.run(clock.instant(), false, Set.of(RULE)))).isZero();
		assertThat(dav.get("/dav/files/a.txt").body()).isEqualTo(text("one"));
		assertThat(dav.get("/dav/files/b.txt").body()).isEqualTo(text("two"));
		assertThat(blobs).allSatisfy(blob -> assertThat(tree.contentsExist(blob)).isTrue());
	}

	@Test
	@DisplayName("RET-5, BIL-6: closing the account ends a running storage plan without the plan-end mail or a "
			+ "read-only state: the files go with the account at once, not after the register's period")
	void closingTheAccountSendsNoPlanEndMail() throws Exception {
		var account = TestAccounts.in(context).verified(Locale.ENGLISH);
		var customer = StorageCustomers.in(context).withAppPassword(account, "dav");
		DavClient dav = customer.dav();
		AccountId id = customer.id();
		var billed = BillingFixtures.in(context).billed(account);
		spaces.create(id, "files", SpaceKind.PLAIN);
		assertThat(dav.put("/dav/files/a.txt", text("one")).statusCode()).isEqualTo(201);

		// What closing does first in billing's step: end every subscription. The account still exists here,
		// so a plan-end mail would be queued now and read-only state set.
		assertThat(lifecycle.endAllNow(id)).isEqualTo(1);
		assertThat(readOnly.reasons(id)).isEmpty();
		assertThat(notifications.mailsAbout(id)).extracting(io.kluis.notifications.SentMail::template)
			.isNotEmpty()
			.doesNotContain("storage/plan-ended");

		var closed = dav.send(dav.request("DELETE", "/api/v1/me", java.net.http.HttpRequest.BodyPublishers.noBody())
			.header("X-Kluis-Password", TestAccounts.PASSWORD));
		assertThat(closed.statusCode()).isEqualTo(204);
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> accounts.find(id).isEmpty());
		mail(account.email(), "You closed your account");

		assertThat(subscriptions.find(billed.subscription())).as("billing erased its records too").isEmpty();
		assertThat(spaces.existing(id)).isEmpty();
		assertThat(readOnly.reasons(id)).isEmpty();
		assertThat(Mailbox.to(account.email())).noneSatisfy(m -> assertThat(m.getSubject()).contains("storage plan"));
	}

	@Test
	@DisplayName("RET-1: the register's rule for an ended plan's files counts from the end of the paid service and "
			+ "says its period in both languages")
	void theRuleIsInTheRegister() {
		var rule = register.retention().stream().filter(r -> r.id().equals(RULE)).findFirst().orElseThrow();
		assertThat(rule.category()).isEqualTo("stored-files");
		assertThat(rule.trigger()).isEqualTo(RetentionTrigger.SERVICE_ENDED);
		assertThat(rule.period()).isEqualTo(Period.ofDays(60));
		assertThat(rule.description().in(Locale.forLanguageTag("nl"))).contains("60 dagen");
		assertThat(rule.description().in(Locale.ENGLISH)).contains("60 days");
	}

	/** Cancels the plan, moves the clock past the term and lets the job end it; returns when storage became read-only. */
	private Instant endPlan(AccountId id, java.util.UUID subscription) {
		lifecycle.cancel(id, subscription);
		var info = subscriptions.find(new io.kluis.billing.SubscriptionRef(subscription)).orElseThrow();
		clock.set(info.periodEnd().plus(Duration.ofHours(2)));
		termEnds.run();
		assertThat(subscriptions.find(info.ref()).orElseThrow().status()).isEqualTo(SubscriptionStatus.ENDED);
		Instant since = readOnly.since(id, ReadOnlyStorage.Reason.SERVICE_ENDED).orElseThrow();
		assertThat(since).as("measured from when the storage became read-only, by the clock").isEqualTo(clock.instant());
		return since;
	}

	private Period period() {
		return register.retention().stream().filter(r -> r.id().equals(RULE)).findFirst().orElseThrow().period();
	}

	private List<String> blobsOf(AccountId id) {
		return jdbc.sql("select n.blob from storage_nodes n join storage_spaces s on s.id = n.space_id "
				+ "where s.account_id = ? and n.blob is not null").param(id.value()).query(String.class).list();
	}

	private static int count(RetentionRun run) {
		return run.rules().stream().mapToInt(RetentionRun.RuleResult::count).sum();
	}

	private static byte[] text(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] large() {
		byte[] bytes = new byte[200 * 1024];
		Arrays.fill(bytes, (byte) 'x');
		return bytes;
	}

	/** Waits for the mail to the address whose body contains the text. */
	private static MimeMessage mail(String address, String contains) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> Mailbox.to(address).stream().anyMatch(m -> Mailbox.body(m).contains(contains)));
		return Mailbox.to(address).stream().filter(m -> Mailbox.body(m).contains(contains)).findFirst().orElseThrow();
	}
}
