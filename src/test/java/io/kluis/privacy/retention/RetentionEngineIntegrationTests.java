package io.kluis.privacy.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kluis.KluisIntegrationTest;
import io.kluis.TestDatabase;
import io.kluis.audit.AuditTrail;
import io.kluis.identity.TestAccounts;
import io.kluis.identity.account.Accounts;
import io.kluis.notifications.Mail;
import io.kluis.notifications.MailId;
import io.kluis.notifications.Notifications;
import io.kluis.privacy.Evidence;
import io.kluis.privacy.TestSessions;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import io.kluis.shared.cli.KluisCommand;
import io.kluis.shared.jobs.JobLease;
import io.kluis.shared.jobs.Jobs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * The retention engine against the foundation's data. Instead of moving the clock past each
 * period, the test dates its own items back past their period and runs as of now: on PostgreSQL all
 * test contexts share one database, and this way a run removes nothing another test still uses.
 */
@KluisIntegrationTest
// Own schema on PostgreSQL: the audit chain is pruned as one unbroken prefix, so an entry another context
// recorded with its clock moved ahead (an ended subscription, a dunning step) would stop the pruning here.
@TestPropertySource(properties = TestDatabase.OWN_SCHEMA + "=true")
class RetentionEngineIntegrationTests {

	static final List<String> RULES_WITH_DATA = List.of("unverified-registrations", "sessions", "login-protection",
			"sent-mail");

	@Autowired
	RetentionEngine engine;

	@Autowired
	Evidence evidence;

	@Autowired
	AuditTrail trail;

	@Autowired
	Notifications notifications;

	@Autowired
	ApplicationContext context;

	@Autowired
	Accounts accounts;

	@Autowired
	FindByIndexNameSessionRepository<? extends Session> sessionRepository;

	@Autowired
	List<KluisCommand> commands;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Jobs jobs;

	@Autowired
	Clock clock;

	TestAccounts fixtures;

	TestSessions sessions;

	@BeforeEach
	void setUp() {
		fixtures = TestAccounts.in(context);
		sessions = new TestSessions(sessionRepository, jdbc);
	}

	@Test
	@DisplayName("RET-2/RET-6: with the clock past each period, that category's data is gone and the dry run predicted exactly those counts")
	void pastItsPeriodEachCategoryIsGoneAsTheDryRunPredicted() {
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		var applicant = fixtures.unverified();
		jdbc.sql("update identity_accounts set created_at = ? where id = ?")
			.params(Timestamp.from(now.minus(Duration.ofDays(8))), applicant.id().value())
			.update();
		var customer = fixtures.verified();
		String session = sessions.open(customer.id(), "Firefox on Linux");
		sessions.lastUsedAt(session, now.minus(Duration.ofDays(2)));
		byte[] throttleKey = new byte[32];
		new SecureRandom().nextBytes(throttleKey);
		jdbc.sql("insert into identity_address_throttle (address_key, failures, window_start) values (?, 3, ?)")
			.params(throttleKey, Timestamp.from(now.minus(Duration.ofDays(2))))
			.update();
		MailId mail = sentLongAgo(customer.id(), now.minus(Duration.ofDays(31)));

		RetentionRun dry = engine.run(now, true);

		Map<String, Integer> predicted = counts(dry);
		RULES_WITH_DATA.forEach(rule -> assertThat(predicted.get(rule)).as(rule).isPositive());
		assertThat(accounts.findById(applicant.id())).as("a dry run deletes nothing").isPresent();
		assertThat(sessions.exists(session)).isTrue();
		assertThat(throttleRows(throttleKey)).isEqualTo(1);
		assertThat(mailRows(mail)).isEqualTo(1);

		RetentionRun real = engine.run(now, false);

		assertThat(real.failed()).isFalse();
		assertThat(counts(real)).as("the dry run predicted exactly what the run removed").isEqualTo(predicted);
		assertThat(accounts.findById(applicant.id())).isEmpty();
		assertThat(sessions.exists(session)).isFalse();
		assertThat(throttleRows(throttleKey)).isZero();
		assertThat(mailRows(mail)).isZero();
		assertThat(accounts.findById(customer.id())).as("an active customer's account stays").isPresent();

		var recorded = evidence.recent(200).stream().filter(e -> e.asOf().equals(now)).toList();
		assertThat(recorded).as("one evidence record per rule of the real run, none for the dry run")
			.hasSize(real.rules().size())
			.allSatisfy(e -> {
				assertThat(e.kind()).isEqualTo(Evidence.Kind.RETENTION);
				assertThat(e.dryRun()).isFalse();
				assertThat(e.subject()).isNull();
			});
		Map<String, Integer> removed = new HashMap<>();
		recorded.forEach(e -> removed.putAll(e.removed()));
		real.rules().forEach(r -> assertThat(removed).containsEntry(r.category(), r.count()));

		assertThat(engine.run(now, false).total()).as("idempotent: a second run finds nothing").isZero();
	}

	@Test
	@DisplayName("RET-2/RET-6: security-log entries older than two years are pruned as the dry run predicted; newer ones stay")
	void securityLogEntriesPastTwoYearsArePruned() throws InterruptedException {
		var subject = AccountId.random();
		var old = trail.record("test.retention.old", null, subject, Map.of());
		Thread.sleep(5);
		var marker = trail.record("test.retention.marker", null, AccountId.random(), Map.of());
		var rule = engine.rules().stream().filter(r -> r.id().equals("security-log")).findFirst().orElseThrow();
		Instant asOf = marker.occurredAt().atZone(java.time.ZoneId.of("Europe/Amsterdam")).plusYears(2).toInstant();
		Instant cutoff = engine.cutoff(rule, asOf);
		assertThat(cutoff).isAfter(old.occurredAt()).isBeforeOrEqualTo(marker.occurredAt());

		int predicted = engine.run(asOf, true, Set.of("security-log")).rules().get(0).count();
		RetentionRun real = engine.run(asOf, false, Set.of("security-log"));

		assertThat(predicted).isPositive();
		assertThat(real.rules()).singleElement().satisfies(r -> assertThat(r.count()).isEqualTo(predicted));
		assertThat(trail.aboutSubject(subject)).isEmpty();
		assertThat(trail.aboutSubject(marker.subject())).as("entries within their period stay").hasSize(1);
		assertThat(evidence.recent(200)).anySatisfy(e -> {
			assertThat(e.asOf()).isEqualTo(asOf);
			assertThat(e.removed()).containsExactly(Map.entry("security-log", predicted));
		});
	}

	@Test
	@DisplayName("RET-2: while another node holds the lock a real run does nothing; a dry run still works; an expired lease is taken over")
	void aRealRunWaitsForTheLockHolder() {
		Instant longAgo = Instant.parse("2000-01-01T00:00:00Z");
		JobLease other = jobs.tryAcquire(RetentionEngine.JOB, Duration.ofHours(1)).orElseThrow();
		try {
			assertThatThrownBy(() -> engine.run(longAgo, false)).isInstanceOf(RetentionBusyException.class);
			assertThat(engine.run(longAgo, true).failed()).isFalse();
			// The holder dies: its lease runs out (in the database's time, as the lock reads it).
			jdbc.sql("update shared_job_locks set lock_until = locked_at where name = ?").param(RetentionEngine.JOB)
				.update();
			assertThat(engine.run(longAgo, false).failed()).isFalse();
			try (JobLease next = jobs.tryAcquire(RetentionEngine.JOB, Duration.ofMinutes(1)).orElse(null)) {
				assertThat(next).as("released after the run").isNotNull();
			}
		}
		finally {
			other.close();
		}
	}

	@Test
	@DisplayName("RET-2: retention run --as-of DATE --dry-run prints rule, category and count for every rule")
	void theCommandPrintsEveryRuleWithItsCount() {
		var out = new ByteArrayOutputStream();
		int exit = command().run(List.of("--as-of", "2000-01-01", "--dry-run"), new PrintStream(out, true, StandardCharsets.UTF_8));

		String printed = out.toString(StandardCharsets.UTF_8);
		assertThat(exit).isZero();
		assertThat(printed).contains("Dry run", "WOULD REMOVE");
		engine.rules().forEach(r -> assertThat(printed).containsPattern(
				"(?m)^" + r.id() + "\\s+" + r.category() + "\\s+\\S+\\s+" + r.period() + "\\s+\\S+\\s+0$"));
	}

	@Test
	@DisplayName("RET-2: the command refuses a malformed date or an unknown rule with a usage error")
	void theCommandRefusesBadInput() {
		var out = new ByteArrayOutputStream();
		var print = new PrintStream(out, true, StandardCharsets.UTF_8);
		assertThat(command().run(List.of("--as-of", "2028-13-01"), print)).isEqualTo(2);
		assertThat(command().run(List.of("--rule", "no-such-rule", "--dry-run"), print)).isEqualTo(2);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("--as-of must be a date", "no-such-rule");
	}

	@Test
	@DisplayName("RET-6: a real run from the command leaves evidence")
	void aRealRunFromTheCommandLeavesEvidence() {
		var out = new ByteArrayOutputStream();
		int exit = command().run(List.of("--as-of", "2001-02-03", "--rule", "sessions"),
				new PrintStream(out, true, StandardCharsets.UTF_8));

		assertThat(exit).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("REMOVED");
		assertThat(evidence.recent(200)).anySatisfy(e -> {
			assertThat(e.asOf()).isEqualTo(Instant.parse("2001-02-02T23:00:00Z"));
			assertThat(e.removed()).containsExactly(Map.entry("sessions", 0));
		});
	}

	private KluisCommand command() {
		return commands.stream().filter(c -> c.name().equals("retention run")).findFirst().orElseThrow();
	}

	private MailId sentLongAgo(AccountId subject, Instant sentAt) {
		MailId id = notifications.send(Mail.to(EmailAddress.of("ret-" + UUID.randomUUID() + "@example.org"))
			.locale(Locale.ENGLISH).template("notifications/test").subject(subject).build());
		// Let the dispatcher finish with it first, so it cannot overwrite the backdated time.
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			notifications.flush();
			return jdbc.sql("select status from notifications_outbox where id = ?").param(id.value())
				.query(String.class).single().matches("SENT|FAILED");
		});
		jdbc.sql("update notifications_outbox set sent_at = ?, failed_at = ?, status = 'SENT' where id = ?")
			.params(Timestamp.from(sentAt), null, id.value())
			.update();
		return id;
	}

	private int throttleRows(byte[] key) {
		return jdbc.sql("select count(*) from identity_address_throttle where address_key = ?").param(key)
			.query(Integer.class).single();
	}

	private int mailRows(MailId id) {
		return jdbc.sql("select count(*) from notifications_outbox where id = ?").param(id.value())
			.query(Integer.class).single();
	}

	private static Map<String, Integer> counts(RetentionRun run) {
		return run.rules().stream().collect(Collectors.toMap(RetentionRun.RuleResult::rule, RetentionRun.RuleResult::count));
	}
}
