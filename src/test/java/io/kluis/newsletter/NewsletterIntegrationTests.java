package io.kluis.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kluis.KluisIntegrationTest;
import io.kluis.Mailbox;
import io.kluis.WithMailbox;
import io.kluis.audit.AuditEntry;
import io.kluis.audit.AuditQuery;
import io.kluis.audit.AuditTrail;
import io.kluis.identity.Role;
import io.kluis.identity.TestAccounts;
import io.kluis.newsletter.Subscription.Status;
import io.kluis.notifications.Notifications;
import io.kluis.privacy.ConsentAction;
import io.kluis.privacy.ConsentProofs;
import io.kluis.privacy.ConsentRecord;
import io.kluis.privacy.ConsentSource;
import io.kluis.privacy.PolicyVersions;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * CON-1 over HTTP with real mail (GreenMail): the newsletter is a separate opt-in confirmed from the
 * mailed link, never a side effect of registering; every issue carries RFC 8058 one-click
 * unsubscribe headers that work without a session; every step leaves a proof with time, source and
 * policy version.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
class NewsletterIntegrationTests extends WithMailbox {

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
	ApplicationContext context;

	@Autowired
	Clock clock;

	@Autowired
	SendingNewsletters sending;

	@Autowired
	AuditTrail audit;

	TestAccounts fixtures;

	@BeforeEach
	void setUp() {
		fixtures = TestAccounts.in(context);
	}

	@Test
	@DisplayName("CON-1: registering an account never subscribes to the newsletter, and leaves no consent record")
	void registrationNeverSubscribes() {
		var customer = fixtures.verified();
		var email = EmailAddress.of(customer.email());
		assertThat(subscriptions.of(customer.id(), email)).isEmpty();
		assertThat(ledger.about(customer.id(), email)).isEmpty();
		notifications.flush();
		assertThat(Mailbox.to(customer.email())).noneMatch(m -> header(m, "List-Unsubscribe") != null);
	}

	@Test
	@DisplayName("CON-1: double opt-in from the public form: subscribed only after the link in the real mail is used, once")
	void doubleOptInFromARealMail() throws Exception {
		String email = NewsletterFixtures.uniqueEmail("optin");
		Instant before = clock.instant();
		mvc.perform(post("/newsletter").with(csrf()).with(TestAccounts.from("192.0.2.44"))
			.param("email", email)
			.param("language", "en")).andExpect(status().isOk());
		Subscription pending = subscriptions.findActive(EmailAddress.of(email)).orElseThrow();
		assertThat(pending.status()).isEqualTo(Status.PENDING);

		notifications.flush();
		MimeMessage mail = Mailbox.awaitMail(email, 1);
		assertThat(mail.getSubject()).contains("Confirm your subscription");
		String token = Mailbox.token(mail, "/newsletter/confirm");

		// Opening the link (or a mail scanner fetching it) confirms nothing: the page has a button.
		mvc.perform(get("/newsletter/confirm").param("token", token)).andExpect(status().isOk());
		assertThat(subscriptions.find(pending.id()).orElseThrow().status()).isEqualTo(Status.PENDING);

		mvc.perform(post("/newsletter/confirm").with(csrf()).with(TestAccounts.from("192.0.2.45")).param("token", token))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("newsletter-confirmed")));
		assertThat(subscriptions.find(pending.id()).orElseThrow().status()).isEqualTo(Status.CONFIRMED);
		mvc.perform(post("/newsletter/confirm").with(csrf()).param("token", token)).andExpect(status().isNotFound());

		List<ConsentRecord> proof = ledger.proofs(pending.id());
		assertThat(proof).extracting(ConsentRecord::action).containsExactly(ConsentAction.REQUESTED, ConsentAction.CONFIRMED);
		assertThat(proof).extracting(ConsentRecord::source).containsExactly(ConsentSource.WEB_FORM, ConsentSource.CONFIRMATION_LINK);
		assertThat(proof).extracting(ConsentRecord::ip).containsExactly("192.0.2.44", "192.0.2.45");
		assertThat(proof).allSatisfy(r -> {
			assertThat(r.purpose()).isEqualTo("newsletter");
			assertThat(r.email()).isEqualTo(EmailAddress.of(email));
			assertThat(r.policyVersion()).isEqualTo(policy.current()).matches("[1-9][0-9]*");
			assertThat(r.occurredAt()).isAfterOrEqualTo(before.minusSeconds(1)).isBeforeOrEqualTo(clock.instant().plusSeconds(1));
		});
	}

	@Test
	@DisplayName("CON-1: every newsletter carries RFC 8058 headers, and the one-click POST unsubscribes without a session or CSRF token")
	void oneClickUnsubscribe() throws Exception {
		String email = NewsletterFixtures.uniqueEmail("oneclick");
		Subscription subscriber = subscribeThroughTheMail(email);
		sendIssue("Nieuws 1", "Nieuws 1");

		MimeMessage issue = Mailbox.awaitMail(email, 2);
		assertThat(issue.getSubject()).isEqualTo("News 1");
		assertThat(header(issue, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
		String listUnsubscribe = header(issue, "List-Unsubscribe");
		assertThat(listUnsubscribe).startsWith("<http").contains("/newsletter/unsubscribe?token=").endsWith(">");
		URI url = URI.create(listUnsubscribe.substring(1, listUnsubscribe.length() - 1));
		assertThat(Mailbox.body(issue)).contains(url.getPath() + "?" + url.getRawQuery());

		// What a mail client does (RFC 8058 section 3.2): POST the URL with this body, no cookies, no token.
		mvc.perform(post(url.getPath() + "?" + url.getRawQuery()).contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("List-Unsubscribe=One-Click")).andExpect(status().isOk());
		assertThat(subscriptions.find(subscriber.id()).orElseThrow().status()).isEqualTo(Status.WITHDRAWN);
		ConsentRecord withdrawal = ledger.proofs(subscriber.id()).get(2);
		assertThat(withdrawal.action()).isEqualTo(ConsentAction.WITHDRAWN);
		assertThat(withdrawal.source()).isEqualTo(ConsentSource.UNSUBSCRIBE_LINK);
		assertThat(withdrawal.policyVersion()).isEqualTo(policy.current());

		// Again: still fine (idempotent), and no second withdrawal record.
		mvc.perform(post(url.getPath() + "?" + url.getRawQuery()).content("List-Unsubscribe=One-Click")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)).andExpect(status().isOk());
		assertThat(ledger.proofs(subscriber.id())).hasSize(3);

		sendIssue("Nieuws 2", "News 2");
		assertThat(Mailbox.to(email)).hasSize(2);
	}

	@Test
	@DisplayName("CON-1: the unsubscribe link opens a confirm page (a GET changes nothing) whose button unsubscribes")
	void unsubscribeThroughTheLink() throws Exception {
		String email = NewsletterFixtures.uniqueEmail("link");
		Subscription subscriber = subscribeThroughTheMail(email);
		sendIssue("Nieuws", "News");
		String link = Mailbox.link(Mailbox.awaitMail(email, 2), "/newsletter/unsubscribe");
		URI url = URI.create(link);

		mvc.perform(get(url.getPath() + "?" + url.getRawQuery()))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"unsubscribe\"")));
		assertThat(subscriptions.find(subscriber.id()).orElseThrow().status()).isEqualTo(Status.CONFIRMED);

		mvc.perform(post(url.getPath() + "?" + url.getRawQuery()).with(csrf())).andExpect(status().isOk());
		assertThat(subscriptions.find(subscriber.id()).orElseThrow().status()).isEqualTo(Status.WITHDRAWN);
		mvc.perform(get("/newsletter/unsubscribe").param("token", "x".repeat(43))).andExpect(status().isNotFound());
	}

	@Test
	@DisplayName("CON-1: a customer subscribes from the panel (still confirmed by mail) and unsubscribes there in one step")
	void panelSubscriptionAndWithdrawal() throws Exception {
		var customer = fixtures.verified();
		var as = fixtures.authentication(customer.id(), false);
		mvc.perform(get("/panel/newsletter").with(authentication(as)))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString(customer.email())));
		mvc.perform(post("/panel/newsletter").with(csrf()).with(authentication(as)).param("language", "nl"))
			.andExpect(status().is3xxRedirection());
		Subscription pending = subscriptions.findActive(customer.id()).orElseThrow();
		assertThat(pending.status()).isEqualTo(Status.PENDING);
		assertThat(ledger.proofs(pending.id()).get(0).source()).isEqualTo(ConsentSource.PANEL);
		assertThat(ledger.proofs(pending.id()).get(0).account()).isEqualTo(customer.id());

		notifications.flush();
		String token = Mailbox.token(Mailbox.awaitMail(customer.email(), 2), "/newsletter/confirm");
		mvc.perform(post("/newsletter/confirm").with(csrf()).param("token", token)).andExpect(status().isOk());
		assertThat(subscriptions.findActive(customer.id()).orElseThrow().status()).isEqualTo(Status.CONFIRMED);

		mvc.perform(post("/panel/newsletter/withdraw").with(csrf()).with(authentication(as)))
			.andExpect(status().is3xxRedirection());
		assertThat(subscriptions.findActive(customer.id())).isEmpty();
		assertThat(ledger.proofs(pending.id())).extracting(ConsentRecord::action)
			.containsExactly(ConsentAction.REQUESTED, ConsentAction.CONFIRMED, ConsentAction.WITHDRAWN);
	}

	@Test
	@DisplayName("RIG-6, CON-3: a customer who objected to direct marketing cannot sign up in the panel; the page says why")
	void anObjectingCustomerCannotSignUpInThePanel() throws Exception {
		var customer = fixtures.verified();
		var as = fixtures.authentication(customer.id(), false);
		mvc.perform(post("/panel/privacy/objection").with(csrf()).with(authentication(as)))
			.andExpect(status().is3xxRedirection());
		var refused = mvc.perform(post("/panel/newsletter").with(csrf()).with(authentication(as)).param("language", "en"))
			.andReturn()
			.getResponse();
		assertThat(refused.getRedirectedUrl()).isEqualTo("/panel/newsletter?refused=objected");
		mvc.perform(get(refused.getRedirectedUrl()).with(authentication(as)).param("lang", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("You have objected to direct marketing")));
		assertThat(subscriptions.of(customer.id(), EmailAddress.of(customer.email()))).isEmpty();
	}

	@Test
	@DisplayName("CON-3: sending a newsletter is in the audit trail with the issue and the counts, never the recipients")
	void sendingIsAudited() throws Exception {
		String email = NewsletterFixtures.uniqueEmail("audited");
		subscribeThroughTheMail(email);
		var admin = fixtures.staff(Set.of(Role.ADMIN));
		mvc.perform(post("/admin/newsletter").with(csrf()).with(authentication(fixtures.authentication(admin.id(), true)))
			.param("subjectNl", "Audit")
			.param("textNl", "Tekst")
			.param("subjectEn", "Audit")
			.param("textEn", "Text")).andExpect(status().is3xxRedirection());
		NewsletterIssue issue = sending.recent(20).stream()
			.filter(i -> i.sentBy().equals(admin.id().value()))
			.findFirst()
			.orElseThrow();

		await().atMost(Duration.ofSeconds(15)).until(() -> !sentByAudit(admin.id()).isEmpty());
		AuditEntry entry = sentByAudit(admin.id()).get(0);
		assertThat(entry.subject()).isNull();
		assertThat(entry.details()).containsOnlyKeys("issue", "recipients", "skipped")
			.containsEntry("issue", issue.id().toString())
			.containsEntry("recipients", Integer.toString(issue.recipients()))
			.containsEntry("skipped", Integer.toString(issue.skipped()));
		assertThat(issue.recipients()).isPositive();
	}

	private List<AuditEntry> sentByAudit(AccountId admin) {
		return audit.recent(AuditQuery.latest().causedBy(admin).withCodePrefix("privacy.newsletter.sent"));
	}

	private Subscription subscribeThroughTheMail(String email) throws Exception {
		mvc.perform(post("/newsletter").with(csrf()).param("email", email).param("language", "en"))
			.andExpect(status().isOk());
		notifications.flush();
		String token = Mailbox.token(Mailbox.awaitMail(email, 1), "/newsletter/confirm");
		mvc.perform(post("/newsletter/confirm").with(csrf()).param("token", token)).andExpect(status().isOk());
		return subscriptions.findActive(EmailAddress.of(email)).orElseThrow();
	}

	private void sendIssue(String subjectNl, String subjectEn) throws Exception {
		var admin = fixtures.staff(Set.of(Role.ADMIN));
		mvc.perform(post("/admin/newsletter").with(csrf()).with(authentication(fixtures.authentication(admin.id(), true)))
			.param("subjectNl", subjectNl)
			.param("textNl", "Tekst")
			.param("subjectEn", subjectEn.replace("Nieuws", "News"))
			.param("textEn", "Text\nsecond line")).andExpect(status().is3xxRedirection());
		notifications.flush();
	}

	static String header(MimeMessage message, String name) {
		try {
			String[] values = message.getHeader(name);
			return values == null ? null : values[0];
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

}
