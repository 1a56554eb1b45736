package io.kluis.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.kluis.KluisIntegrationTest;
import io.kluis.Mailbox;
import io.kluis.WithMailbox;
import io.kluis.audit.AuditEntry;
import io.kluis.audit.AuditTrail;
import io.kluis.identity.TestAccounts;
import io.kluis.identity.account.AppPasswordScope;
import io.kluis.identity.account.AppPasswords;
import io.kluis.newsletter.Subscription.Status;
import io.kluis.notifications.Notifications;
import io.kluis.privacy.ConsentAction;
import io.kluis.privacy.ConsentProofs;
import io.kluis.privacy.ConsentRecord;
import io.kluis.privacy.ConsentSource;
import io.kluis.privacy.PolicyVersions;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The newsletter over the API with an app password (CON-1, CON-3, RIG-4, RIG-6): {@code PUT} only
 * starts the double opt-in, the real mail's link subscribes; {@code DELETE} withdraws with proof
 * (source {@code api}); restricted or objecting account holders get a 409 that says why; every step
 * of the account holder is in the audit trail, by ids and codes only.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
class NewsletterApiIntegrationTests extends WithMailbox {

	static final String PATH = "/api/v1/me/newsletter";

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	Notifications notifications;

	@Autowired
	Subscriptions subscriptions;

	@Autowired
	ConsentProofs ledger;

	@Autowired
	PolicyVersions policy;

	@Autowired
	AuditTrail audit;

	@Autowired
	AppPasswords appPasswords;

	@Autowired
	ApplicationContext context;

	TestAccounts fixtures;

	TestAccounts.Known customer;

	String appPassword;

	@BeforeEach
	void setUp() {
		fixtures = TestAccounts.in(context);
		customer = fixtures.verified();
		appPassword = appPasswords.create(customer.id(), "newsletter test", EnumSet.allOf(AppPasswordScope.class)).secret();
	}

	@Test
	@DisplayName("CON-1: PUT starts the double opt-in (202) and only the link in the real mail subscribes; PUT again "
			+ "is a 200 no-op; DELETE withdraws (204) with a proof from source api; GET tells the state each time")
	void doubleOptInAndWithdrawalOverTheApi() throws Exception {
		assertThat(json(send(get(PATH))).get("state").asString()).isEqualTo("none");

		var started = send(put(PATH).contentType(MediaType.APPLICATION_JSON).content("{\"language\":\"nl\"}"));
		assertThat(started.getStatus()).isEqualTo(202);
		JsonNode pending = json(started);
		assertThat(pending.get("state").asString()).isEqualTo("pending");
		assertThat(pending.get("language").asString()).isEqualTo("nl");
		assertThat(pending.get("confirmBefore").isNull()).isFalse();
		Subscription subscription = subscriptions.findActive(customer.id()).orElseThrow();
		assertThat(subscription.status()).isEqualTo(Status.PENDING);
		assertThat(ledger.proofs(subscription.id())).singleElement()
			.satisfies(r -> assertThat(r.source()).isEqualTo(ConsentSource.API));

		notifications.flush();
		MimeMessage mail = Mailbox.withLink(Mailbox.awaitMails(customer.email(), 2), "/newsletter/confirm");
		assertThat(mail.getSubject()).as("in the language asked for").contains("Bevestig");
		mvc.perform(post("/newsletter/confirm").with(csrf()).param("token", Mailbox.token(mail, "/newsletter/confirm")));

		JsonNode subscribed = json(send(get(PATH)));
		assertThat(subscribed.get("state").asString()).isEqualTo("subscribed");
		assertThat(subscribed.get("since").isNull()).isFalse();
		assertThat(subscribed.get("policyVersion").asString()).isEqualTo(policy.current());

		var again = send(put(PATH));
		assertThat(again.getStatus()).as("already subscribed: nothing to do").isEqualTo(200);
		assertThat(json(again).get("state").asString()).isEqualTo("subscribed");

		assertThat(send(delete(PATH)).getStatus()).isEqualTo(204);
		assertThat(json(send(get(PATH))).get("state").asString()).isEqualTo("none");
		assertThat(ledger.proofs(subscription.id())).extracting(ConsentRecord::action, ConsentRecord::source)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(ConsentAction.REQUESTED, ConsentSource.API),
					org.assertj.core.groups.Tuple.tuple(ConsentAction.CONFIRMED, ConsentSource.CONFIRMATION_LINK),
					org.assertj.core.groups.Tuple.tuple(ConsentAction.WITHDRAWN, ConsentSource.API));
		assertThat(send(delete(PATH)).getStatus()).as("nothing left to withdraw: still 204").isEqualTo(204);
		assertThat(ledger.proofs(subscription.id())).hasSize(3);

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(newsletterAudit())
			.extracting(AuditEntry::code)
			.containsExactly("privacy.newsletter.requested", "privacy.newsletter.confirmed", "privacy.newsletter.withdrawn"));
		assertThat(newsletterAudit()).allSatisfy(entry -> {
			assertThat(entry.subject()).isEqualTo(customer.id());
			assertThat(entry.actor()).isEqualTo(customer.id());
			assertThat(entry.details()).containsEntry("subscription", subscription.id().toString())
				.containsOnlyKeys("subscription", "source");
		});
		assertThat(newsletterAudit()).extracting(e -> e.details().get("source"))
			.containsExactly("api", "confirmation-link", "api");
	}

	@Test
	@DisplayName("RIG-4, RIG-6, CON-3: a restricted or objecting account holder cannot sign up: 409 with the reason, nothing recorded")
	void restrictedOrObjectingHoldersCannotSubscribe() throws Exception {
		assertThat(send(post("/api/v1/me/restriction")).getStatus()).isEqualTo(200);
		var restricted = send(put(PATH));
		assertThat(restricted.getStatus()).isEqualTo(409);
		assertThat(restricted.getContentType()).startsWith("application/problem+json");
		JsonNode problem = json(restricted);
		assertThat(problem.get("reason").asString()).isEqualTo("restricted");
		assertThat(problem.get("detail").asString()).contains("restricted", "Lift the restriction");

		assertThat(send(delete("/api/v1/me/restriction")).getStatus()).isEqualTo(200);
		assertThat(send(post("/api/v1/me/objection")).getStatus()).isEqualTo(200);
		var objected = send(put(PATH));
		assertThat(objected.getStatus()).isEqualTo(409);
		assertThat(json(objected).get("reason").asString()).isEqualTo("objected");

		assertThat(subscriptions.of(customer.id(), null)).isEmpty();
		assertThat(ledger.about(customer.id(), null)).isEmpty();
		assertThat(json(send(get(PATH))).get("state").asString()).isEqualTo("none");
	}

	@Test
	@DisplayName("ACC-2: the newsletter API needs credentials; bad input is a 400 problem document")
	void credentialsAndInputAreChecked() throws Exception {
		var anonymous = mvc.perform(get(PATH).accept(MediaType.APPLICATION_JSON)).andReturn().getResponse();
		assertThat(anonymous.getStatus()).isEqualTo(401);
		var wrongLanguage = send(put(PATH).contentType(MediaType.APPLICATION_JSON).content("{\"language\":\"de\"}"));
		assertThat(wrongLanguage.getStatus()).isEqualTo(400);
		assertThat(json(wrongLanguage).get("detail").asString()).contains("nl or en");
		assertThat(subscriptions.of(customer.id(), null)).isEmpty();
	}

	private List<AuditEntry> newsletterAudit() {
		return audit.aboutSubject(customer.id()).stream().filter(e -> e.code().startsWith("privacy.newsletter.")).toList();
	}

	private MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(httpBasic(customer.email(), appPassword))
			.with(TestAccounts.from(TestAccounts.uniqueAddress()))
			.accept(MediaType.APPLICATION_JSON)).andReturn().getResponse();
	}

	private static JsonNode json(MockHttpServletResponse response) throws Exception {
		return JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
	}
}
