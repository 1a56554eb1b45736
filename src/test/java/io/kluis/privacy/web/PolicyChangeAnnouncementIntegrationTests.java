package io.kluis.privacy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.kluis.KluisIntegrationTest;
import io.kluis.Mailbox;
import io.kluis.TestDatabase;
import io.kluis.WithMailbox;
import io.kluis.identity.TestAccounts;
import io.kluis.notifications.Notifications;
import io.kluis.privacy.policy.PolicyAnnouncements;
import io.kluis.privacy.policy.PublishedPolicy;
import io.kluis.privacy.policy.RegisterVersion;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.register.Text;
import io.kluis.shared.AccountId;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * POL-2 end to end: a significant version mails every active customer once, in their language,
 * through the outbox and real SMTP, and shows the panel banner until the customer acknowledges it.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
// a schema of its own: on PostgreSQL, another cached context's scheduler would otherwise announce this
// context's version (and its dispatcher send the mails to another mailbox)
@TestPropertySource(properties = { "kluis.privacy.register-location=classpath:privacy/test-register-policy.yml",
		TestDatabase.OWN_SCHEMA + "=true" })
class PolicyChangeAnnouncementIntegrationTests extends WithMailbox {

	static final String ENGLISH_SUBJECT = "has changed its privacy statement";

	static final String DUTCH_SUBJECT = "heeft de privacyverklaring gewijzigd";

	@Autowired
	MockMvc mvc;

	@Autowired
	ProcessingRegister register;

	@Autowired
	PublishedPolicy policy;

	@Autowired
	PolicyAnnouncements announcements;

	@Autowired
	Notifications notifications;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	TestAccounts fixtures;

	@BeforeEach
	void setUp() {
		fixtures = TestAccounts.in(context);
	}

	@Test
	@DisplayName("POL-2: a significant version mails every active customer exactly once, in their language, and "
			+ "shows the panel banner until acknowledged")
	void aSignificantVersionMailsEveryCustomerOnceAndShowsTheBannerUntilAcknowledged() throws Exception {
		policy.current();
		TestAccounts.Known english = fixtures.verified();
		TestAccounts.Known dutch = fixtures.verified(Locale.forLanguageTag("nl"));
		TestAccounts.Known unverified = fixtures.unverified();

		String change = "Nieuwe subverwerker " + UUID.randomUUID();
		RegisterVersion significant = policy.publish(significantChange(change));
		assertThat(significant.significant()).isTrue();
		announcements.announcePending();
		announcements.announcePending(); // a restart or a second node: nobody is mailed twice
		notifications.flush();

		MimeMessage englishMail = awaitPolicyMail(english.email(), ENGLISH_SUBJECT);
		assertThat(Mailbox.body(englishMail)).contains("Purpose renamed: " + change, "/privacy");
		MimeMessage dutchMail = awaitPolicyMail(dutch.email(), DUTCH_SUBJECT);
		assertThat(Mailbox.body(dutchMail)).contains("Doel hernoemd: " + change);

		announcements.announcePending();
		notifications.flush();
		Thread.sleep(1500); // give a wrongly queued second mail the time to arrive
		assertThat(policyMails(english.email())).hasSize(1);
		assertThat(policyMails(dutch.email())).hasSize(1);
		assertThat(policyMails(unverified.email())).as("only active customers").isEmpty();
		assertThat(jdbc.sql("select announced_at from privacy_register_versions where version_number = ?")
			.param(significant.number()).query(java.sql.Timestamp.class).single()).isNotNull();

		Authentication customer = fixtures.authentication(english.id(), true);
		assertThat(panel(customer)).contains("id=\"policy-banner\"", "We have changed our privacy statement.");
		var acknowledged = mvc.perform(post("/panel/policy/acknowledge").with(csrf()).with(authentication(customer)))
			.andReturn().getResponse();
		assertThat(acknowledged.getStatus()).isEqualTo(302);
		assertThat(panel(customer)).doesNotContain("id=\"policy-banner\"");
		assertThat(jdbc.sql("select count(*) from privacy_policy_acknowledgements where account_id = ? and version_number = ?")
			.params(english.id().value(), significant.number()).query(Long.class).single()).isEqualTo(1L);

		assertThat(panel(fixtures.authentication(dutch.id(), true))).as("until each customer acknowledges")
			.contains("id=\"policy-banner\"");
		TestAccounts.Known newcomer = fixtures.verified();
		assertThat(panel(fixtures.authentication(newcomer.id(), true)))
			.as("a customer who registered after the change accepted the new policy").doesNotContain("id=\"policy-banner\"");
	}

	@Test
	@DisplayName("POL-2: a version that is not significant mails nobody and shows no banner")
	void anInsignificantVersionMailsNobody() throws Exception {
		TestAccounts.Known customer = fixtures.verified();
		RegisterVersion version = policy.publish(change("Kleine wijziging " + UUID.randomUUID(), false));
		assertThat(version.significant()).isFalse();
		announcements.announcePending();
		notifications.flush();
		Thread.sleep(1000);
		assertThat(policyMails(customer.email())).isEmpty();
		assertThat(panel(fixtures.authentication(customer.id(), true))).doesNotContain("id=\"policy-banner\"");
	}

	String panel(Authentication as) throws Exception {
		var response = mvc.perform(get("/panel").with(authentication(as))).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	ProcessingRegister significantChange(String marker) {
		return change(marker, true);
	}

	ProcessingRegister change(String marker, boolean significant) {
		var purposes = new java.util.ArrayList<>(register.purposes());
		var first = purposes.get(0);
		purposes.set(0, new ProcessingRegister.Purpose(first.id(), new Text(marker, first.name().en()),
				first.description(), first.legalBasis(), first.legitimateInterest(), first.categories(), first.subjects()));
		return new ProcessingRegister(new ProcessingRegister.Version(significant,
				new Text("Doel hernoemd: " + marker, "Purpose renamed: " + marker)), register.provider(),
				register.subjects(), register.categories(), purposes, register.recipients(), register.retention(),
				register.cookies(), register.statements());
	}

	static MimeMessage awaitPolicyMail(String address, String subject) {
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
			.until(() -> !policyMails(address).isEmpty());
		MimeMessage mail = policyMails(address).get(0);
		assertThat(subjectOf(mail)).contains(subject);
		return mail;
	}

	static List<MimeMessage> policyMails(String address) {
		return Mailbox.to(address).stream()
			.filter(m -> subjectOf(m).contains(ENGLISH_SUBJECT) || subjectOf(m).contains(DUTCH_SUBJECT))
			.toList();
	}

	static String subjectOf(MimeMessage message) {
		try {
			return String.valueOf(message.getSubject());
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	static AccountId id(TestAccounts.Known known) {
		return known.id();
	}
}
