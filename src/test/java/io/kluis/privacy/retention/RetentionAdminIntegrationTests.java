package io.kluis.privacy.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kluis.KluisIntegrationTest;
import io.kluis.identity.Role;
import io.kluis.identity.TestAccounts;
import io.kluis.identity.account.StaffAdministration;
import io.kluis.privacy.Evidence;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.Authentication;
import org.springframework.test.web.servlet.MockMvc;

@KluisIntegrationTest
@AutoConfigureMockMvc
class RetentionAdminIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	StaffAdministration staff;

	@Autowired
	RetentionEngine engine;

	@Autowired
	Evidence evidence;

	TestAccounts fixtures;

	@BeforeEach
	void setUp() {
		fixtures = TestAccounts.in(context);
	}

	@Test
	@DisplayName("RET-1/RET-6: the privacy officer sees every rule of the register and the recent evidence records")
	void thePrivacyOfficerSeesTheRulesAndTheEvidence() throws Exception {
		evidence.record(Evidence.Kind.RETENTION, null, Instant.parse("2001-01-01T00:00:00Z"), false,
				Map.of("sent-mail", 4242), Map.of());

		String page = mvc.perform(get("/admin/retention").with(authentication(as(Role.PRIVACY_OFFICER))))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();

		engine.rules().forEach(rule -> assertThat(page).contains(">" + rule.id() + "<", rule.period().toString()));
		assertThat(page).contains("sent-mail: 4242", "Dry run");
	}

	@Test
	@DisplayName("RET-2: an administrator's dry run for a date shows the count of every rule and deletes nothing")
	void anAdministratorsDryRunShowsPerRuleCounts() throws Exception {
		String page = mvc.perform(post("/admin/retention/dry-run").param("asOf", "2000-01-01").with(csrf())
				.with(authentication(as(Role.ADMIN))))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();

		assertThat(page).contains("Would be removed as of 2000-01-01");
		engine.rules().forEach(rule -> assertThat(page).contains("data-rule=\"" + rule.id() + "\""));
		assertThat(evidence.recent(50)).noneSatisfy(e -> assertThat(e.asOf()).isEqualTo(Instant.parse("1999-12-31T23:00:00Z")));
	}

	@Test
	@DisplayName("RET-2: the page speaks Dutch, and a malformed date is a 400 with the reason")
	void dutchPageAndMalformedDate() throws Exception {
		String page = mvc.perform(post("/admin/retention/dry-run").param("asOf", "gisteren").param("lang", "nl")
				.with(csrf()).with(authentication(as(Role.ADMIN))))
			.andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString();

		assertThat(page).contains("Bewaartermijnen", "Vul een datum in");
	}

	@Test
	@DisplayName("SEC-4: support and billing staff and customers cannot open the retention page")
	void otherRolesAreRefused() throws Exception {
		for (Role role : new Role[] { Role.SUPPORT, Role.BILLING }) {
			mvc.perform(get("/admin/retention").with(authentication(as(role)))).andExpect(status().isForbidden());
			mvc.perform(post("/admin/retention/dry-run").param("asOf", "2000-01-01").with(csrf())
				.with(authentication(as(role)))).andExpect(status().isForbidden());
		}
		var customer = fixtures.verified();
		mvc.perform(get("/admin/retention").with(authentication(fixtures.authentication(customer.id(), true))))
			.andExpect(status().isForbidden());
	}

	private Authentication as(Role role) {
		return fixtures.authentication(fixtures.staff(Set.of(role)).id(), true);
	}
}
