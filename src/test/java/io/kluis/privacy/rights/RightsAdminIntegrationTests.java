package io.kluis.privacy.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kluis.KluisIntegrationTest;
import io.kluis.audit.AuditTrail;
import io.kluis.identity.Role;
import io.kluis.identity.TestAccounts;
import io.kluis.identity.account.Accounts;
import io.kluis.identity.account.StaffAdministration;
import io.kluis.privacy.SubjectRestrictions;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/** Staff set and lift restriction and objection (RIG-4, RIG-6); every change is audited with the staff actor. */
@KluisIntegrationTest
@AutoConfigureMockMvc
@Import(RightsTestConfiguration.class)
class RightsAdminIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	Accounts accounts;

	@Autowired
	StaffAdministration staff;

	@Autowired
	SubjectRestrictions restrictions;

	@Autowired
	AuditTrail audit;

	TestAccounts fixtures;

	@BeforeEach
	void fixtures() {
		fixtures = TestAccounts.in(context);
	}

	@Test
	@DisplayName("RIG-4, RIG-6: a privacy officer sets and lifts a customer's restriction and objection on the admin "
			+ "page; the audit trail records each change with the officer as actor")
	void privacyOfficerChangesStates() throws Exception {
		var customer = fixtures.verified();
		var officer = fixtures.staff(Set.of(Role.PRIVACY_OFFICER));
		var as = authentication(fixtures.authentication(officer.id(), true));
		String page = "/admin/privacy/subjects/" + customer.id();

		mvc.perform(get(page).with(as)).andExpect(status().isOk());
		mvc.perform(post(page).param("action", "restrict").with(csrf()).with(as)).andExpect(status().is3xxRedirection());
		mvc.perform(post(page).param("action", "object").with(csrf()).with(as)).andExpect(status().is3xxRedirection());
		assertThat(restrictions.isRestricted(customer.id())).isTrue();
		assertThat(restrictions.hasObjected(customer.id())).isTrue();
		mvc.perform(post(page).param("action", "lift-restriction").with(csrf()).with(as));
		mvc.perform(post(page).param("action", "withdraw-objection").with(csrf()).with(as));
		assertThat(restrictions.mayProcessBeyondContract(customer.id())).isTrue();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(audit.aboutSubject(customer.id()))
			.filteredOn(e -> e.code().startsWith("privacy."))
			.extracting(e -> e.code() + "/" + e.actor() + "/" + e.details().get("by"))
			.containsExactly("privacy.restriction.set/" + officer.id() + "/staff",
					"privacy.objection.recorded/" + officer.id() + "/staff",
					"privacy.restriction.lifted/" + officer.id() + "/staff",
					"privacy.objection.withdrawn/" + officer.id() + "/staff"));
	}

	@Test
	@DisplayName("SEC-4: staff without the admin or privacy-officer role cannot change privacy states; unknown accounts are 404")
	void otherStaffAreRefused() throws Exception {
		var customer = fixtures.verified();
		var support = authentication(fixtures.authentication(fixtures.staff(Set.of(Role.SUPPORT)).id(), true));
		var admin = authentication(fixtures.authentication(fixtures.staff(Set.of(Role.ADMIN)).id(), true));
		String page = "/admin/privacy/subjects/" + customer.id();
		mvc.perform(get(page).with(support)).andExpect(status().isForbidden());
		mvc.perform(post(page).param("action", "restrict").with(csrf()).with(support)).andExpect(status().isForbidden());
		assertThat(restrictions.isRestricted(customer.id())).isFalse();
		mvc.perform(get("/admin/privacy/subjects/" + UUID.randomUUID()).with(admin)).andExpect(status().isNotFound());
		mvc.perform(post(page).param("action", "nonsense").with(csrf()).with(admin)).andExpect(status().isBadRequest());
	}
}
