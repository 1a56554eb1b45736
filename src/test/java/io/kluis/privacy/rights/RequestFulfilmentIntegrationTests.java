package io.kluis.privacy.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kluis.DatabaseScan;
import io.kluis.KluisIntegrationTest;
import io.kluis.Mailbox;
import io.kluis.crypto.PersonalDataCipher;
import io.kluis.identity.Role;
import io.kluis.identity.TestAccounts;
import io.kluis.privacy.Evidence;
import io.kluis.privacy.TestSessions;
import io.kluis.privacy.requests.DataSubjectRequest;
import io.kluis.privacy.requests.DataSubjectRequests;
import io.kluis.privacy.requests.RequestIntake;
import io.kluis.privacy.requests.RequestKind;
import io.kluis.privacy.requests.RequestTimeline;
import io.kluis.privacy.requests.TimelineEntry;
import io.kluis.privacy.rights.Closures.State;
import io.kluis.privacy.rights.RightsTestConfiguration.TestHolder;
import io.kluis.privacy.spi.AccountDirectory;
import io.kluis.shared.AccountId;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * The privacy officer's "fulfil" in the request queue is the self-service engine (RIG-1, RIG-3,
 * RIG-5, RIG-8): an erasure closes the account the way the customer would, an access request gives
 * the self-service export's {@code data.json}. Requests are made and confirmed as a requester does
 * (the public intake, the mailed link); the officer acts over HTTP.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
@Import(RightsTestConfiguration.class)
class RequestFulfilmentIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	RequestIntake intake;

	@Autowired
	DataSubjectRequests requests;

	@Autowired
	RequestTimeline timeline;

	@Autowired
	ClosingAccounts closing;

	@Autowired
	Closures closures;

	@Autowired
	ExportingPersonalData exporting;

	@Autowired
	Evidence evidence;

	@Autowired
	PersonalDataCipher cipher;

	@Autowired
	AccountDirectory directory;

	@Autowired
	List<PersonalDataHolder> holders;

	@Autowired
	TestHolder holder;

	@Autowired
	FindByIndexNameSessionRepository<? extends Session> sessionRepository;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	TestAccounts fixtures;

	AccountId officer;

	@BeforeEach
	void setUp() {
		fixtures = TestAccounts.in(context);
		officer = fixtures.staff(Set.of(Role.PRIVACY_OFFICER)).id();
	}

	@Test
	@DisplayName("RIG-3, RET-5, RET-6: fulfilling the erasure request of a customer with an account closes the account "
			+ "exactly as self-service does (a step per holder, sessions ended, data key destroyed, one evidence record, "
			+ "the closure mail); the request is kept as the register's legal hold and minimised once closed")
	void anErasureRequestClosesTheAccountLikeSelfService() throws Exception {
		var customer = RightsFixtures.customer(fixtures);
		holder.store(customer.id(), RightsFixtures.unique("note-"), RightsFixtures.unique("invoice-"));
		String session = new TestSessions(sessionRepository, jdbc).open(customer.id(), "Firefox on Linux");
		var selfService = RightsFixtures.customer(fixtures);
		holder.store(selfService.id(), RightsFixtures.unique("note-"), RightsFixtures.unique("invoice-"));
		closing.close(selfService.id(), selfService.id());
		String name = "Na" + RightsFixtures.letters(9);
		String message = "Me" + RightsFixtures.letters(9) + " erase everything";
		var request = confirmed(RequestKind.ERASURE, customer.email(), name, message);
		assertThat(request.account()).isEqualTo(customer.id());

		act(request, "fulfil");

		assertThat(closures.state(customer.id())).contains(State.DONE);
		assertThat(cipher.isDestroyed(customer.id())).as("crypto-shredded").isTrue();
		assertThat(directory.contact(customer.id())).as("the account is gone").isEmpty();
		assertThat(new TestSessions(sessionRepository, jdbc).exists(session)).isFalse();
		assertThat(holder.notes).doesNotContainKey(customer.id());
		assertThat(steps(customer.id())).as("a closure step per holder, as for self-service")
			.isEqualTo(steps(selfService.id())).isEqualTo(holders.size());
		var records = evidence.about(customer.id());
		assertThat(records).singleElement().satisfies(e -> {
			assertThat(e.kind()).isEqualTo(Evidence.Kind.ERASURE);
			assertThat(e.removed()).containsEntry("customer-identity", 1).containsEntry(RightsTestConfiguration.FILES, 1);
			assertThat(e.kept()).containsEntry(RightsTestConfiguration.INVOICES, 1).containsEntry("privacy-requests", 1);
		});
		var selfServiceRecord = evidence.about(selfService.id()).get(0);
		assertThat(records.get(0).removed().keySet()).as("the same categories erased as by self-service")
			.containsAll(selfServiceRecord.removed().keySet());
		RightsApiServerTests.awaitMail(customer.email(), "Your account at Voorbeeld Hosting B.V. is closed");
		RightsApiServerTests.awaitMail(customer.email(),
				"Your privacy request " + request.id().reference() + " has been carried out");
		assertThat(timeline.of(request)).anySatisfy(e -> {
			assertThat(e.kind()).isEqualTo(TimelineEntry.Kind.FULFILLED);
			assertThat(e.detail()).startsWith("removed ").contains("customer-identity=1");
		});
		assertThat(requests.keptContents(request)).as("readable while open: the answer must reach the requester")
			.isPresent();

		act(request, "close");

		assertThat(requests.keptContents(request)).as("minimised once closed").isEmpty();
		assertThat(requests.findById(request.id())).as("the record itself is kept").isPresent();
		var values = new ArrayList<>(customer.identityValues());
		values.addAll(List.of(name, message));
		assertThat(new DatabaseScan(jdbc).everywhere(values)).as("nothing of the customer left readable").isEmpty();
		String page = mvc.perform(get("/admin/privacy/requests/" + request.id()).param("lang", "en")
			.with(authentication(fixtures.authentication(officer, true))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"minimised\"").doesNotContain(customer.email());
	}

	@Test
	@DisplayName("RIG-1, RIG-5, RIG-8: fulfilling an access request gives the self-service export's data.json "
			+ "(kluis-export/1): the same categories, and the same records where nothing changed in between")
	void anAccessRequestGivesTheSelfServiceExport() throws Exception {
		var customer = RightsFixtures.customer(fixtures);
		String note = RightsFixtures.unique("note-");
		holder.store(customer.id(), note, RightsFixtures.unique("invoice-"));
		var request = confirmed(RequestKind.ACCESS, customer.email(), null, "A copy of my data, please.");

		act(request, "fulfil");

		String document = timeline.of(request).stream()
			.filter(e -> e.kind() == TimelineEntry.Kind.FULFILLED && "json".equals(e.detail()))
			.findFirst().orElseThrow().text();
		var byRequest = RightsApiServerTests.JSON.readTree(document);
		var selfService = RightsApiServerTests.JSON.readTree(selfServiceExport(customer.id()).get("data.json"));

		assertThat(byRequest.get("schema").asString()).isEqualTo("kluis-export/1");
		assertThat(byRequest.get("subject").get("account").asString()).isEqualTo(customer.id().toString());
		assertThat(ids(byRequest)).as("the same categories as the self-service export").isEqualTo(ids(selfService))
			.contains("customer-identity", "privacy-requests", RightsTestConfiguration.FILES);
		for (String unchanged : List.of("customer-identity", "contact-email", RightsTestConfiguration.FILES)) {
			assertThat(RightsApiServerTests.category(byRequest, unchanged))
				.isEqualTo(RightsApiServerTests.category(selfService, unchanged));
		}
		assertThat(RightsApiServerTests.category(byRequest, "privacy-requests").get("records").toString())
			.contains(request.id().reference(), "ACCESS");
		assertThat(document).contains(note, customer.email());
	}

	@Test
	@DisplayName("RIG-3, RIG-8, RET-6: fulfilling the erasure request of someone without an account (a newsletter "
			+ "subscriber) erases what every holder keeps under the address, with an evidence record of the counts")
	void anErasureRequestWithoutAnAccountErasesByAddress() throws Exception {
		String email = TestAccounts.uniqueEmail("no-account");
		mvc.perform(post("/newsletter").with(csrf()).param("email", email).param("language", "en"))
			.andExpect(status().isOk());
		var request = confirmed(RequestKind.ERASURE, email, null, "Remove my address everywhere.");
		assertThat(request.account()).isNull();
		var before = clock.instant();

		act(request, "fulfil");

		assertThat(evidence.recent(100)).anySatisfy(e -> {
			assertThat(e.kind()).isEqualTo(Evidence.Kind.ERASURE);
			assertThat(e.subject()).isNull();
			assertThat(e.occurredAt()).isAfterOrEqualTo(before);
			assertThat(e.removed()).containsEntry("newsletter-subscription", 1);
			assertThat(e.kept()).containsEntry("privacy-requests", 1);
		});
		assertThat(mvc.perform(post("/requests/status/data").with(csrf()).param("token", statusToken(email)))
			.andReturn().getResponse().getStatus()).as("an erasure leaves no access document").isEqualTo(404);
		act(request, "close");
		assertThat(requests.keptContents(request)).isEmpty();
		assertThat(new DatabaseScan(jdbc).everywhere(List.of(email))).isEmpty();
	}

	/** Submits through the public intake and confirms with the mailed link, as the requester does. */
	private DataSubjectRequest confirmed(RequestKind kind, String email, String name, String message) {
		intake.submit(kind, email, name, message, Locale.ENGLISH);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
			.until(() -> Mailbox.to(email).stream().anyMatch(m -> Mailbox.body(m).contains("/requests/confirm?")));
		String token = Mailbox.token(Mailbox.withLink(Mailbox.to(email), "/requests/confirm"), "/requests/confirm");
		String statusToken = intake.confirm(token).orElseThrow();
		return intake.byStatusToken(statusToken).orElseThrow();
	}

	private String statusToken(String email) {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
			.until(() -> Mailbox.to(email).stream().anyMatch(m -> Mailbox.body(m).contains("/requests/status?")));
		return Mailbox.token(Mailbox.withLink(Mailbox.to(email), "/requests/status"), "/requests/status");
	}

	private void act(DataSubjectRequest request, String action) throws Exception {
		mvc.perform(post("/admin/privacy/requests/" + request.id() + "/" + action).with(csrf())
			.with(authentication(fixtures.authentication(officer, true))))
			.andExpect(status().is3xxRedirection())
			.andExpect(result -> assertThat(result.getFlashMap().get("done")).as(action)
				.isEqualTo(action.equals("fulfil") ? "fulfilled" : "closed"));
	}

	private int steps(AccountId account) {
		return jdbc.sql("select count(*) from privacy_closure_steps where account_id = ?").param(account.value())
			.query(Integer.class).single();
	}

	/** The customer's own export, built and downloaded as the panel does. */
	private java.util.Map<String, byte[]> selfServiceExport(AccountId account) throws Exception {
		var export = exporting.request(account, account);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> exporting.find(account, export.id()).map(e -> e.status() == Export.Status.READY).orElse(false));
		try (var download = exporting.download(account, export.id(), "test").orElseThrow().content()) {
			return RightsApiServerTests.unzip(download.readAllBytes());
		}
	}

	private static List<String> ids(JsonNode data) {
		return data.get("categories").valueStream().map(c -> c.get("id").asString()).sorted().toList();
	}
}
