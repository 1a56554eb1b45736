package io.kluis.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kluis.DatabaseScan;
import io.kluis.KluisIntegrationTest;
import io.kluis.Mailbox;
import io.kluis.MutableClock;
import io.kluis.TestClock;
import io.kluis.TestDatabase;
import io.kluis.WithMailbox;
import io.kluis.audit.AuditEntry;
import io.kluis.audit.AuditTrail;
import io.kluis.crypto.PersonalDataCipher;
import io.kluis.identity.Role;
import io.kluis.identity.TestAccounts;
import io.kluis.identity.account.AppPasswordScope;
import io.kluis.identity.account.AppPasswords;
import io.kluis.identity.account.RegistrationRequest;
import io.kluis.notifications.Notifications;
import io.kluis.privacy.policy.PolicyAcknowledgements;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.register.ProcessingRegister.RetentionRule;
import io.kluis.privacy.requests.DataSubjectRequest;
import io.kluis.privacy.requests.DataSubjectRequests;
import io.kluis.privacy.requests.IdCopies;
import io.kluis.privacy.requests.RequestHandling;
import io.kluis.privacy.requests.RequestIntake;
import io.kluis.privacy.requests.RequestKind;
import io.kluis.privacy.retention.RetentionEngine;
import io.kluis.privacy.retention.RetentionRun;
import io.kluis.shared.AccountId;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * RET-3: after a service ends, only what the law requires is kept, minimised, and then destroyed.
 * Billing (invoices, art. 52 AWR) does not exist yet, so the holds proven are the ones the register
 * has now: the pseudonymous security log (2 years) and data-subject request records (accountability,
 * 1 year after closing). Whatever the register keeps on erasure, the test takes from the register
 * and the holders, not from a list of its own. Proof of consent is not among them: the consent
 * holder erases it together with the address it proves, at the subject's request.
 *
 * <p>The clock is moved years ahead and every retention rule runs for real. On a database shared
 * with other test contexts that would delete their data and leave records dated in their future, so
 * on PostgreSQL this context gets a schema of its own ({@link TestDatabase#OWN_SCHEMA}); on H2 it
 * has its own in-memory database anyway. Scheduled jobs are off, so that nothing but the test moves
 * data between a dry run and the real run after it.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
@TestPropertySource(properties = { TestDatabase.OWN_SCHEMA + "=true", "kluis.jobs.enabled=false" })
@Import(TestClock.class)
class AfterTheServiceEndsIntegrationTests extends WithMailbox {

	static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	ApplicationContext context;

	@Autowired
	AppPasswords appPasswords;

	@Autowired
	RequestIntake intake;

	@Autowired
	RequestHandling handling;

	@Autowired
	IdCopies idCopies;

	@Autowired
	DataSubjectRequests requests;

	@Autowired
	PolicyAcknowledgements acknowledgements;

	@Autowired
	Notifications notifications;

	@Autowired
	RetentionEngine engine;

	@Autowired
	Evidence evidence;

	@Autowired
	AuditTrail trail;

	@Autowired
	PersonalDataCipher cipher;

	@Autowired
	ProcessingRegister register;

	@Autowired
	List<PersonalDataHolder> holders;

	@Autowired
	FindByIndexNameSessionRepository<? extends Session> sessionRepository;

	@Autowired
	JdbcClient jdbc;

	@Test
	@DisplayName("RET-3, RET-5, RET-6: a closed, fully used account leaves only what the register keeps (security log, "
			+ "request records), minimised; each is gone when its period ends, as the dry run predicted")
	void afterClosingOnlyTheLegalHoldsRemainUntilTheirPeriodsEnd() throws Exception {
		var customer = fullyUsedAccount();
		AccountId id = customer.id();

		mvc.perform(delete("/api/v1/me").with(httpBasic(customer.email(), customer.appSecret()))
			.header("X-Kluis-Password", TestAccounts.PASSWORD)).andExpect(status().isNoContent());
		handling.close(customer.openRequest().id(), customer.officer());
		settle();

		var scan = new DatabaseScan(jdbc);
		assertThat(scan.everywhere(customer.values())).as("no value of the customer readable anywhere").isEmpty();
		assertThat(cipher.isDestroyed(id)).as("the account's data key is destroyed").isTrue();
		var kept = keptCategories();
		var left = scan.everywhere(List.of(id.toString()));
		assertThat(left).as("what still carries the account id is kept by the register, or evidence of the erasure")
			.allSatisfy(f -> assertThat(categoryOf(f)).isIn(kept));
		assertThat(left.stream().map(DatabaseScan.Finding::table)).as("the holds are really there")
			.contains("audit_entries", "privacy_requests");
		assertThat(evidence.about(id)).singleElement().satisfies(e -> {
			assertThat(e.kept().keySet()).isSubsetOf(kept).contains("security-log", "privacy-requests");
			assertThat(e.removed()).containsKeys("customer-identity", "credentials", "sessions", "data-exports",
					"processing-restrictions", "policy-notices", "newsletter-subscription", "consent-records", "id-copies");
		});
		assertThat(requestRows(id)).as("request records are kept, minimised: only kind, dates, states").hasSize(2)
			.allSatisfy(row -> {
				assertThat(row.get("email")).isNull();
				assertThat(row.get("email_index")).isNull();
				assertThat(row.get("name")).isNull();
				assertThat(row.get("message")).isNull();
				assertThat(cipher.isDestroyed(new AccountId((UUID) row.get("key_owner")))).isTrue();
			});

		var closedAt = jdbc.sql("select closed_at from privacy_requests where account_id = ?").param(id.value())
			.query((rs, i) -> rs.getTimestamp(1).toInstant()).list();
		var afterOneYear = run(latest(closedAt.stream()), "privacy-requests");
		assertThat(afterOneYear).as("a request record goes a year after it was closed").containsEntry("privacy-requests", 2);
		assertThat(requestRows(id)).isEmpty();
		assertThat(trail.aboutSubject(id)).as("the security log keeps its two years").isNotEmpty();
		assertThat(jdbc.sql("select count(*) from notifications_outbox").query(Long.class).single())
			.as("every mail, also those to the former customer after the closure, is gone after 30 days").isZero();

		var afterTwoYears = run(latest(trail.aboutSubject(id).stream().map(AuditEntry::occurredAt)), "security-log");
		assertThat(afterTwoYears.get("security-log")).isPositive();
		assertThat(trail.aboutSubject(id)).isEmpty();
		assertThat(scan.everywhere(List.of(id.toString()))).as("only the evidence that the erasure happened is left")
			.allSatisfy(f -> assertThat(PersonalDataCoverageIntegrationTests.NOT_PERSONAL)
				.containsKey(f.table() + "." + f.column()));
	}

	/** What the customer knows about themselves, and what the test needs to go on. */
	record Customer(AccountId id, String email, String appSecret, AccountId officer, DataSubjectRequest openRequest,
			List<String> values) {
	}

	/**
	 * A customer who used every part of Kluis that holds personal data: registered (from an address),
	 * an app password, a browser session, a failed login, an export, a newsletter sign-up and a cookie
	 * choice while logged in, restriction and objection, a policy change acknowledged, an access
	 * request answered and closed, and an objection request still open with an ID copy uploaded.
	 */
	private Customer fullyUsedAccount() throws Exception {
		var fixtures = TestAccounts.in(context);
		AccountId officer = fixtures.staff(Set.of(Role.PRIVACY_OFFICER)).id();
		String email = TestAccounts.uniqueEmail("ret3");
		String first = unique("Fi");
		String last = unique("La");
		String street = unique("St") + "weg 7";
		String city = unique("Ci");
		String company = unique("Co") + " B.V.";
		String phone = "+31 6 " + (10_000_000 + new java.security.SecureRandom().nextInt(89_999_999));
		String registeredFrom = TestAccounts.uniqueAddress();
		String signedUpFrom = TestAccounts.uniqueAddress();
		String app = unique("laptop-");
		String requesterName = unique("Na");
		String requestMessage = unique("Me") + " what do you hold about me?";
		String answer = unique("An") + " here is everything.";
		var id = fixtures.verified(new RegistrationRequest(email, TestAccounts.PASSWORD, first, last, street, "1234 AB", city,
				"NL", LocalDate.of(1980, 2, 3), phone, company, true), registeredFrom).id();
		String secret = appPasswords.create(id, app, EnumSet.allOf(AppPasswordScope.class)).secret();
		new TestSessions(sessionRepository, jdbc).open(id, "Firefox on Linux");
		mvc.perform(post("/login").with(csrf()).with(TestAccounts.from(TestAccounts.uniqueAddress()))
			.param("email", email).param("password", "not the password"));
		String export = mvc.perform(post("/api/v1/me/exports").with(httpBasic(email, secret))
				.header("X-Kluis-Password", TestAccounts.PASSWORD))
			.andExpect(status().isAccepted()).andReturn().getResponse().getHeader("Location");
		await().atMost(Duration.ofSeconds(20)).until(() -> mvc.perform(get(export).with(httpBasic(email, secret))
				.header("X-Kluis-Password", TestAccounts.PASSWORD))
			.andReturn().getResponse().getStatus() == 200);
		var loggedIn = authentication(fixtures.authentication(id, false));
		mvc.perform(post("/newsletter").with(csrf()).with(loggedIn).with(TestAccounts.from(signedUpFrom))
			.param("email", email).param("language", "en")).andExpect(status().isOk());
		mvc.perform(post("/consent/cookies").with(csrf()).with(loggedIn).param("choice", "all")
			.header("X-Requested-With", "fetch"));
		// Restriction and objection after the sign-up: a restricted or objecting account may not sign up (RIG-4, RIG-6).
		mvc.perform(post("/api/v1/me/restriction").with(httpBasic(email, secret))).andExpect(status().isOk());
		mvc.perform(post("/api/v1/me/objection").with(httpBasic(email, secret))).andExpect(status().isOk());
		policyChangeNoticed(id);
		acknowledgements.acknowledge(id);
		var access = confirmedRequest(RequestKind.ACCESS, email, requesterName, requestMessage);
		handling.fulfil(access.id(), officer);
		handling.answer(access.id(), officer, answer);
		handling.close(access.id(), officer);
		var objection = confirmedRequest(RequestKind.OBJECTION, email, requesterName, requestMessage);
		handling.askForIdCopy(objection.id(), officer, "The address alone does not suffice for this.");
		idCopies.upload(requests.findById(objection.id()).orElseThrow(),
				("%PDF-1.4\n" + unique("id-")).getBytes(StandardCharsets.US_ASCII));
		settle();
		assertThat(holders.stream().flatMap(h -> h.export(DataSubject.of(id)).stream())
			.filter(c -> !c.records().isEmpty()).map(c -> c.category()).collect(Collectors.toSet()))
			.as("the account holds data in every category that can hold an account's data")
			.contains("customer-identity", "contact-email", "credentials", "registration-evidence", "sessions",
					"security-log", "sent-mail", "newsletter-subscription", "consent-records", "processing-restrictions",
					"data-exports", "policy-notices", "privacy-requests", "id-copies");
		var values = List.of(email, first, last, street, city, company, phone, registeredFrom, signedUpFrom, app,
				requesterName, requestMessage, answer);
		return new Customer(id, email, secret, officer, objection, values);
	}

	/** What announcing a significant policy change records (PolicyChangeAnnouncementIntegrationTests proves the mailing). */
	private void policyChangeNoticed(AccountId account) {
		int version = jdbc.sql("select max(version_number) from privacy_register_versions").query(Integer.class).single();
		jdbc.sql("insert into privacy_policy_notices (version_number, account_id, notified_at) values (?, ?, ?)")
			.params(version, account.value(), Timestamp.from(clock.instant()))
			.update();
	}

	/** Submitted through the public intake and confirmed with the mailed link, as the requester does. */
	private DataSubjectRequest confirmedRequest(RequestKind kind, String email, String name, String message) {
		int before = linksTo(email, "/requests/confirm").size();
		intake.submit(kind, email, name, message, Locale.ENGLISH);
		notifications.flush();
		await().atMost(Duration.ofSeconds(30)).until(() -> linksTo(email, "/requests/confirm").size() > before);
		var links = linksTo(email, "/requests/confirm");
		String token = Mailbox.token(links.get(links.size() - 1), "/requests/confirm");
		return intake.byStatusToken(intake.confirm(token).orElseThrow()).orElseThrow();
	}

	private static List<jakarta.mail.internet.MimeMessage> linksTo(String email, String path) {
		return Mailbox.to(email).stream().filter(m -> Mailbox.body(m).contains(path + "?")).toList();
	}

	/** Sends what is queued and waits until every event has been handled (the audit trail is written). */
	private void settle() {
		notifications.flush();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
			.until(() -> jdbc.sql("select count(*) from event_publication where completion_date is null")
				.query(Long.class).single() == 0);
	}

	/**
	 * Moves the clock one day past the period of {@code rule} counted from {@code from}, runs every
	 * rule dry and then for real, and checks that the real run removed exactly what the dry run counted.
	 */
	private Map<String, Integer> run(Instant from, String rule) {
		RetentionRule hold = register.retention().stream().filter(r -> r.id().equals(rule)).findFirst().orElseThrow();
		clock.set(from.atZone(ZONE).plus(hold.period()).plusDays(1).toInstant());
		RetentionRun dry = engine.run(clock.instant(), true);
		RetentionRun real = engine.run(clock.instant(), false);
		assertThat(real.failed()).isFalse();
		assertThat(counts(real)).as("the dry run predicted exactly what the run removed").isEqualTo(counts(dry));
		settle();
		return counts(real);
	}

	/** The categories the register keeps after an erasure: legal holds, and what holders declare they keep. */
	private Set<String> keptCategories() {
		var kept = new HashSet<String>();
		register.retention().stream().filter(RetentionRule::isLegalHold).forEach(r -> kept.add(r.category()));
		holders.forEach(h -> kept.addAll(h.keptOnErasure()));
		kept.add(EVIDENCE);
		return kept;
	}

	static final String EVIDENCE = "(evidence of the erasure)";

	/** The register category of a column, or {@link #EVIDENCE} for the columns that record that an erasure happened. */
	private String categoryOf(DatabaseScan.Finding finding) {
		String column = finding.table() + "." + finding.column();
		if (PersonalDataCoverageIntegrationTests.NOT_PERSONAL.containsKey(column)) {
			return EVIDENCE;
		}
		var mapped = new HashMap<String, String>();
		holders.forEach(h -> mapped.putAll(h.personalColumns()));
		return mapped.getOrDefault(column, "(unmapped: " + column + ")");
	}

	private List<Map<String, Object>> requestRows(AccountId account) {
		return jdbc.sql("select * from privacy_requests where account_id = ?").param(account.value()).query().listOfRows();
	}

	private static Instant latest(java.util.stream.Stream<Instant> instants) {
		return instants.max(Instant::compareTo).orElseThrow();
	}

	private static Map<String, Integer> counts(RetentionRun run) {
		return run.rules().stream().collect(Collectors.toMap(RetentionRun.RuleResult::rule, RetentionRun.RuleResult::count));
	}

	private static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}
}
