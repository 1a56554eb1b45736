package io.kluis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import io.kluis.KluisIntegrationTest;
import io.kluis.WithMailbox;
import io.kluis.audit.AuditEntry;
import io.kluis.audit.AuditTrail;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Acceptance 6 from identity's side: logins, failed and successful, reach the audit trail (which
 * its own tests prove tamper-evident). The trail records after commit, asynchronously.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
class LoginAuditIntegrationTests extends WithMailbox {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	AuditTrail audit;

	TestAccounts fixtures;

	@BeforeEach
	void setUp() {
		fixtures = TestAccounts.in(context);
	}

	@Test
	void aFailedAndASuccessfulLoginAreAuditedWithTheAccountAndNoPersonalData() throws Exception {
		var customer = fixtures.verified();
		String address = TestAccounts.uniqueAddress();

		mvc.perform(post("/login").param("email", customer.email()).param("password", "not the password").with(csrf())
			.with(TestAccounts.from(address))).andExpect(redirectedUrl("/login?error"));
		mvc.perform(post("/login").param("email", customer.email()).param("password", customer.password()).with(csrf())
			.with(TestAccounts.from(address))).andExpect(redirectedUrl("/panel"));

		await().atMost(Duration.ofSeconds(15)).until(() -> codes(customer).containsAll(
				List.of("identity.login.failed", "identity.login.succeeded")));
		var entries = audit.aboutSubject(customer.id());
		assertThat(entries).filteredOn(e -> e.code().equals("identity.login.failed")).singleElement().satisfies(e -> {
			assertThat(e.actor()).isEqualTo(customer.id());
			assertThat(e.details()).containsExactlyEntriesOf(java.util.Map.of("reason", "bad-password"));
		});
		assertThat(entries).filteredOn(e -> e.code().equals("identity.login.succeeded")).singleElement().satisfies(e -> {
			assertThat(e.actor()).isEqualTo(customer.id());
			assertThat(e.details()).containsEntry("method", "password");
		});
		assertThat(entries).allSatisfy(e -> assertThat(e.details().values())
			.noneMatch(v -> v.contains(customer.email()) || v.contains(address)));
	}

	private List<String> codes(TestAccounts.Known account) {
		return audit.aboutSubject(account.id()).stream().map(AuditEntry::code).toList();
	}
}
