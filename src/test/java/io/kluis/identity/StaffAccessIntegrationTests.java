package io.kluis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kluis.KluisIntegrationTest;
import io.kluis.WithMailbox;
import io.kluis.audit.AuditEntry;
import io.kluis.audit.AuditTrail;
import io.kluis.identity.account.AccountStatus;
import io.kluis.identity.account.Accounts;
import io.kluis.identity.account.StaffAdministration;
import io.kluis.shared.AccountId;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * SEC-4 over HTTP: each staff role reaches its own part of /admin and nothing else, reading a
 * customer's personal data is audited with who, whose and why, and staff cannot act before they
 * have a second factor.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
class StaffAccessIntegrationTests extends WithMailbox {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	Accounts accounts;

	@Autowired
	StaffAdministration staff;

	@Autowired
	AuditTrail audit;

	TestAccounts fixtures;

	AccountId customer;

	@BeforeEach
	void setUp() {
		fixtures = TestAccounts.in(context);
		customer = fixtures.verified().id();
	}

	@Test
	@DisplayName("SEC-4: a customer is refused everywhere under /admin")
	void aCustomerIsRefusedEverywhereUnderAdmin() throws Exception {
		Authentication as = fixtures.authentication(customer, true);
		for (String path : new String[] { "/admin", "/admin/customers", "/admin/customers/" + customer.value(),
				"/admin/staff", "/admin/audit", "/admin/mail" }) {
			mvc.perform(get(path).with(authentication(as))).andExpect(status().isForbidden());
		}
		mvc.perform(openFor(customer, "SUPPORT_REQUEST").with(authentication(as))).andExpect(status().isForbidden());
		mvc.perform(post("/admin/customers/{id}/block", customer.value()).with(csrf()).with(authentication(as)))
			.andExpect(status().isForbidden());
	}

	@Test
	@DisplayName("SEC-4: support finds customers but not staff, blocking, the audit trail or the mail viewer")
	void supportSeesOnlyItsPart() throws Exception {
		Authentication as = staffWith(Role.SUPPORT);
		expect(as, Map.of("/admin", 200, "/admin/customers", 200, "/admin/customers/" + customer.value(), 200,
				"/admin/staff", 403, "/admin/audit", 403, "/admin/mail", 403));
		mvc.perform(post("/admin/customers/{id}/block", customer.value()).with(csrf()).with(authentication(as)))
			.andExpect(status().isForbidden());
		mvc.perform(post("/admin/customers/{id}/reset-mfa", customer.value()).param("identityChecked", "true")
			.with(csrf()).with(authentication(as))).andExpect(status().isForbidden());
		mvc.perform(post("/admin/staff").param("email", TestAccounts.uniqueEmail("new-staff")).param("roles", "ADMIN")
			.with(csrf()).with(authentication(as))).andExpect(status().isForbidden());
		assertThat(accounts.findById(customer).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
	}

	@Test
	@DisplayName("SEC-4: billing finds customers but not staff or the audit trail")
	void billingSeesOnlyItsPart() throws Exception {
		expect(staffWith(Role.BILLING), Map.of("/admin/customers", 200, "/admin/staff", 403, "/admin/audit", 403,
				"/admin/mail", 403));
	}

	@Test
	@DisplayName("SEC-4: the privacy officer reads the audit trail but not staff or the mail viewer")
	void privacyOfficerSeesOnlyItsPart() throws Exception {
		Authentication as = staffWith(Role.PRIVACY_OFFICER);
		expect(as, Map.of("/admin/customers", 200, "/admin/audit", 200, "/admin/staff", 403, "/admin/mail", 403));
		mvc.perform(post("/admin/customers/{id}/block", customer.value()).with(csrf()).with(authentication(as)))
			.andExpect(status().isForbidden());
	}

	@Test
	@DisplayName("SEC-4: an administrator reaches every staff page")
	void anAdministratorReachesEverything() throws Exception {
		expect(staffWith(Role.ADMIN), Map.of("/admin", 200, "/admin/customers", 200,
				"/admin/customers/" + customer.value(), 200, "/admin/staff", 200, "/admin/audit", 200, "/admin/mail",
				200));
	}

	@Test
	@DisplayName("SEC-4: every staff read of a customer's personal data is audited with staff member, customer and reason")
	void openingPersonalDataIsAudited() throws Exception {
		for (Role role : new Role[] { Role.SUPPORT, Role.BILLING, Role.PRIVACY_OFFICER, Role.ADMIN }) {
			AccountId member = fixtures.staff(Set.of(role)).id();
			int before = reads(customer).length;

			String page = mvc.perform(openFor(customer, "SUPPORT_REQUEST").param("ticket", "T-" + role.ordinal())
				.with(authentication(fixtures.authentication(member, true))))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();

			assertThat(page).as(role + " sees the data").contains("Kerkstraat 1");
			AuditEntry[] reads = reads(customer);
			assertThat(reads).as(role + ": one more audited read").hasSize(before + 1);
			AuditEntry read = reads[reads.length - 1];
			assertThat(read.actor()).isEqualTo(member);
			assertThat(read.subject()).isEqualTo(customer);
			assertThat(read.details()).containsEntry("reason", "SUPPORT_REQUEST").containsEntry("ticket", "T-" + role.ordinal());
		}
	}

	@Test
	@DisplayName("SEC-4: personal data is not opened, nor the read audited, without a valid reason")
	void noReasonNoData() throws Exception {
		Authentication as = staffWith(Role.SUPPORT);
		mvc.perform(post("/admin/customers/{id}/open", customer.value()).with(csrf()).with(authentication(as)))
			.andExpect(status().isBadRequest());
		mvc.perform(openFor(customer, "CURIOSITY").with(authentication(as))).andExpect(status().isBadRequest());
		mvc.perform(openFor(customer, "SUPPORT_REQUEST").param("ticket", "free text with spaces <b>")
			.with(authentication(as))).andExpect(status().isBadRequest());
		mvc.perform(get("/admin/customers/{id}", customer.value()).with(authentication(as)))
			.andExpect(status().isOk());
		assertThat(reads(customer)).isEmpty();
	}

	@Test
	@DisplayName("SEC-4, ACC-3: staff without a second factor are sent to set one up before anything else")
	void staffWithoutMfaAreSentToSetItUp() throws Exception {
		for (Role role : new Role[] { Role.SUPPORT, Role.ADMIN }) {
			Authentication as = fixtures.authentication(fixtures.staff(Set.of(role)).id(), false);
			for (String path : new String[] { "/admin", "/admin/customers", "/panel" }) {
				mvc.perform(get(path).with(authentication(as)))
					.andExpect(status().isFound())
					.andExpect(redirectedUrl("/panel/security/totp?required"));
			}
			mvc.perform(openFor(customer, "SUPPORT_REQUEST").with(authentication(as)))
				.andExpect(status().isFound())
				.andExpect(redirectedUrl("/panel/security/totp?required"));
			mvc.perform(get("/panel/security/totp").with(authentication(as))).andExpect(status().isOk());
		}
		assertThat(reads(customer)).isEmpty();
		mvc.perform(get("/panel").with(authentication(fixtures.authentication(customer, false))))
			.andExpect(status().isOk());
	}

	private Authentication staffWith(Role role) {
		return fixtures.authentication(fixtures.staff(Set.of(role)).id(), true);
	}

	private void expect(Authentication as, Map<String, Integer> statuses) throws Exception {
		for (var expected : statuses.entrySet()) {
			int actual = mvc.perform(get(expected.getKey()).with(authentication(as))).andReturn().getResponse().getStatus();
			assertThat(actual).as("GET " + expected.getKey()).isEqualTo(expected.getValue());
		}
	}

	private static MockHttpServletRequestBuilder openFor(AccountId id, String reason) {
		return post("/admin/customers/{id}/open", id.value()).param("reason", reason).with(csrf());
	}

	private AuditEntry[] reads(AccountId subject) {
		return audit.aboutSubject(subject)
			.stream()
			.filter(e -> e.code().equals("identity.personal-data.read-by-staff"))
			.toArray(AuditEntry[]::new);
	}
}
