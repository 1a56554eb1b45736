package io.kluis.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kluis.KluisIntegrationTest;
import io.kluis.Mailbox;
import io.kluis.WithMailbox;
import io.kluis.identity.Role;
import io.kluis.identity.TestAccounts;
import io.kluis.notifications.Notifications;
import io.kluis.shared.AccountId;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * CON-3 (with RIG-4 and RIG-6): an administrator's newsletter reaches exactly the confirmed
 * subscribers who have not restricted processing or objected, whether they subscribed from the
 * panel or, with their account's address, from the public form.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
class NewsletterAudienceIntegrationTests extends WithMailbox {

	@Autowired
	MockMvc mvc;

	@Autowired
	Newsletter newsletter;

	@Autowired
	Subscriptions subscriptions;

	@Autowired
	ConsentTokens tokens;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationContext context;

	@Autowired
	Clock clock;

	@Test
	@DisplayName("CON-3: the newsletter reaches only confirmed, non-restricted, non-objecting subscribers, in their own language, as marketing mail")
	void newsletterReachesOnlyThoseWhoAgreed() throws Exception {
		var fixtures = TestAccounts.in(context);
		var subscribers = new NewsletterFixtures(newsletter, subscriptions, tokens);

		String anonymous = NewsletterFixtures.uniqueEmail("anonymous");
		subscribers.confirmed(anonymous, null);
		var customer = fixtures.verified();
		subscribers.confirmed(customer.email(), customer.id());
		var restricted = fixtures.verified();
		subscribers.confirmed(restricted.email(), null); // public form with the account's address
		restrict(restricted.id());
		var objecting = fixtures.verified();
		subscribers.confirmed(objecting.email(), objecting.id());
		object(objecting.id());
		String unconfirmed = NewsletterFixtures.uniqueEmail("unconfirmed");
		subscribers.pending(unconfirmed, null);
		String withdrawn = NewsletterFixtures.uniqueEmail("withdrawn");
		subscribers.withdrawn(withdrawn);
		notifications.flush();
		// Its confirmation mail may be sent by another context's dispatcher on a shared database:
		// wait for it, so only mails after the newsletter count below.
		int before = Mailbox.awaitMails(unconfirmed, 1).size();

		var admin = fixtures.staff(Set.of(Role.ADMIN));
		var asAdmin = authentication(fixtures.authentication(admin.id(), true));
		mvc.perform(post("/admin/newsletter").with(csrf()).with(asAdmin)
			.param("subjectNl", "Nieuws van de week")
			.param("textNl", "Hallo")
			.param("subjectEn", "News of the week")
			.param("textEn", "Hello")).andExpect(status().is3xxRedirection());
		notifications.flush();

		assertThat(Mailbox.awaitMails(anonymous, 2)).extracting(m -> m.getSubject()).contains("News of the week");
		assertThat(Mailbox.awaitMails(customer.email(), 2)).extracting(m -> m.getSubject()).contains("News of the week");
		for (String excluded : new String[] { restricted.email(), objecting.email(), withdrawn }) {
			assertThat(Mailbox.to(excluded)).extracting(m -> m.getSubject()).doesNotContain("News of the week");
		}
		assertThat(Mailbox.to(unconfirmed)).hasSize(before);
		assertThat(jdbc.sql("select category from notifications_outbox where template = 'newsletter/issue' "
				+ "and subject_id = ?").param(customer.id().value()).query(String.class).list()).containsExactly("MARKETING");

		var issue = jdbc.sql("select recipients, skipped from privacy_newsletter_issues where sent_by = ?")
			.param(admin.id().value())
			.query((rs, i) -> new int[] { rs.getInt(1), rs.getInt(2) })
			.single();
		assertThat(issue[0]).as("recipients").isGreaterThanOrEqualTo(2);
		assertThat(issue[1]).as("skipped").isGreaterThanOrEqualTo(2);
	}

	@Test
	@DisplayName("CON-3: only administrators may send a newsletter")
	void onlyAdministratorsSend() throws Exception {
		var fixtures = TestAccounts.in(context);
		var support = fixtures.staff(Set.of(Role.SUPPORT));
		var customer = fixtures.verified();
		for (var who : new AccountId[] { support.id(), customer.id() }) {
			var as = authentication(fixtures.authentication(who, true));
			mvc.perform(get("/admin/newsletter").with(as)).andExpect(status().isForbidden());
			mvc.perform(post("/admin/newsletter").with(csrf()).with(as).param("subjectNl", "x").param("textNl", "x")
				.param("subjectEn", "x").param("textEn", "x")).andExpect(status().isForbidden());
		}
	}

	private void restrict(AccountId account) {
		jdbc.sql("insert into privacy_subject_states (account_id, restricted_at) values (?, ?)")
			.params(account.value(), Timestamp.from(clock.instant()))
			.update();
	}

	private void object(AccountId account) {
		jdbc.sql("insert into privacy_subject_states (account_id, objected_at) values (?, ?)")
			.params(account.value(), Timestamp.from(clock.instant()))
			.update();
	}
}
