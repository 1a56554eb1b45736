package io.kluis.privacy.disclosures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kluis.KluisIntegrationTest;
import io.kluis.MutableClock;
import io.kluis.TestClock;
import io.kluis.audit.AuditTrail;
import io.kluis.identity.Role;
import io.kluis.identity.TestAccounts;
import io.kluis.privacy.Disclosure;
import io.kluis.privacy.DisclosureId;
import io.kluis.privacy.Disclosures;
import io.kluis.shared.AccountId;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.PersonalDataHolder;
import io.kluis.shared.web.InvalidInputException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@KluisIntegrationTest
@AutoConfigureMockMvc
@Import(TestClock.class)
class DisclosureLedgerIntegrationTests {

	static final String PAGE = "/admin/privacy/disclosures";

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	Disclosures disclosures;

	@Autowired
	List<PersonalDataHolder> holders;

	@Autowired
	AuditTrail audit;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	TestAccounts fixtures;

	@BeforeEach
	void setUp() {
		fixtures = TestAccounts.in(context);
	}

	@Test
	@DisplayName("SHR-1: a disclosure recorded through the API is in the subject's export, with the reference, and in "
			+ "the staff view, at the clock's time")
	void aRecordedDisclosureAppearsInTheExportAndTheStaffView() throws Exception {
		var customer = fixtures.verified();
		String reference = "court order " + UUID.randomUUID();

		DisclosureId id = disclosures.record(new Disclosure("authorities", customer.id(), Set.of("customer-identity"),
				"legal-duties", "legal_obligation", "art. 126nd Sv", reference, null));

		Map<String, Object> row = exported(customer.id()).records().stream()
			.filter(r -> r.get("disclosure").equals(id.toString())).findFirst().orElseThrow();
		assertThat(row).containsEntry("role", "subject").containsEntry("recipient", "authorities")
			.containsEntry("categories", "customer-identity").containsEntry("purpose", "legal-duties")
			.containsEntry("legalBasis", "art. 6(1)(c) GDPR").containsEntry("legalGround", "art. 126nd Sv")
			.containsEntry("reference", reference).containsEntry("disclosedAt", clock.instant().toString());

		String view = page(PAGE + "?subject=" + customer.id(), as(Role.ADMIN)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(view).contains("data-disclosure=\"" + id + "\"", reference, "art. 126nd Sv", "customer-identity");
		assertThat(page(PAGE, as(Role.PRIVACY_OFFICER)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString()).contains("data-disclosure=\"" + id + "\"");
	}

	@Test
	@DisplayName("SHR-6: the privacy officer records a disclosure to an authority with its legal ground via the form; "
			+ "it is audited with the officer as actor, shown, and in the customer's export")
	void thePrivacyOfficerRecordsAnAuthorityDisclosure() throws Exception {
		var customer = fixtures.verified();
		var officer = fixtures.staff(Set.of(Role.PRIVACY_OFFICER));
		var as = fixtures.authentication(officer.id(), true);
		assertThat(page(PAGE + "/new?customer=" + customer.id(), as).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString()).contains("name=\"legalGround\"", "value=\"customer-identity\"", "name=\"_csrf\"");

		mvc.perform(form(customer.id()).with(csrf()).with(authentication(as)))
			.andExpect(status().is3xxRedirection());

		var row = exported(customer.id()).records().stream().filter(r -> "subject".equals(r.get("role"))).findFirst()
			.orElseThrow();
		assertThat(row).containsEntry("recipient", "authorities").containsEntry("categories", "contact-email,customer-identity")
			.containsEntry("legalGround", "art. 126nd Sv, vordering OvJ").containsEntry("reference", "PV-2026-0042");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(audit.aboutSubject(customer.id()))
			.filteredOn(e -> e.code().equals("privacy.disclosure.recorded"))
			.singleElement()
			.satisfies(e -> {
				assertThat(e.actor()).isEqualTo(officer.id());
				assertThat(e.details()).containsEntry("recipient", "authorities").containsEntry("recipientRole", "authority")
					.containsEntry("categories", "contact-email,customer-identity").containsEntry("legalBasis", "legal_obligation")
					.containsEntry("disclosure", row.get("disclosure").toString())
					.doesNotContainValue("PV-2026-0042");
			}));
		assertThat(exported(officer.id()).records()).as("the officer's own export names what they recorded")
			.anySatisfy(r -> assertThat(r).containsEntry("role", "recorded").containsEntry("reference", ""));
		assertThat(page(PAGE, as).andReturn().getResponse().getContentAsString()).contains("PV-2026-0042");
		assertThat(page(PAGE + "?lang=nl&subject=" + customer.id(), as).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString()).as("the staff view speaks Dutch, the purpose in the register's words")
			.contains("Verstrekkingen", "Wettelijke verplichtingen en verstrekkingen", "PV-2026-0042");
	}

	@Test
	@DisplayName("SHR-1: every staff view of the ledger is audited with the staff member as actor: one subject's "
			+ "disclosures with that subject, the overview with the number shown, never the reference")
	void staffReadsOfTheLedgerAreAudited() throws Exception {
		var customer = fixtures.verified();
		String reference = "PV-" + UUID.randomUUID();
		disclosures.record(new Disclosure("authorities", customer.id(), Set.of("customer-identity"), "legal-duties",
				"legal_obligation", "art. 126nd Sv", reference, null));
		var admin = fixtures.staff(Set.of(Role.ADMIN));
		var as = fixtures.authentication(admin.id(), true);

		page(PAGE + "?subject=" + customer.id(), as).andExpect(status().isOk());

		assertThat(audit.aboutSubject(customer.id())).filteredOn(e -> e.code().equals(StaffDisclosures.READ_CODE))
			.singleElement()
			.satisfies(e -> {
				assertThat(e.actor()).isEqualTo(admin.id());
				assertThat(e.subject()).isEqualTo(customer.id());
				assertThat(e.details()).containsEntry("shown", "1").doesNotContainValue(reference);
			});

		page(PAGE, as).andExpect(status().isOk());
		assertThat(audit.aboutSubject(admin.id())).filteredOn(e -> e.code().equals(StaffDisclosures.READ_CODE))
			.as("the subject view and the overview, each once")
			.hasSize(2)
			.anySatisfy(e -> {
				assertThat(e.subject()).isNull();
				assertThat(e.details()).containsKeys("shown", "subjects");
			});
	}

	@Test
	@DisplayName("SHR-6: only the privacy officer records; administrators read, other staff and customers get 403, "
			+ "and the form needs its CSRF token")
	void otherRolesAreRefused() throws Exception {
		var customer = fixtures.verified();
		for (Role role : new Role[] { Role.SUPPORT, Role.BILLING }) {
			page(PAGE, as(role)).andExpect(status().isForbidden());
			page(PAGE + "/new", as(role)).andExpect(status().isForbidden());
			mvc.perform(form(customer.id()).with(csrf()).with(authentication(as(role)))).andExpect(status().isForbidden());
		}
		page(PAGE + "/new", as(Role.ADMIN)).andExpect(status().isForbidden());
		mvc.perform(form(customer.id()).with(csrf()).with(authentication(as(Role.ADMIN)))).andExpect(status().isForbidden());
		var self = fixtures.authentication(customer.id(), true);
		page(PAGE, self).andExpect(status().isForbidden());
		mvc.perform(form(customer.id()).with(csrf()).with(authentication(self))).andExpect(status().isForbidden());
		mvc.perform(form(customer.id()).with(authentication(as(Role.PRIVACY_OFFICER)))).andExpect(status().isForbidden());
		assertThat(exported(customer.id()).records()).as("nothing was recorded").isEmpty();
	}

	@Test
	@DisplayName("SHR-1: an unknown recipient or category, a category the register does not give that recipient, "
			+ "another basis than the purpose's, or an authority without a legal ground is refused")
	void disclosuresOutsideTheRegisterAreRefused() {
		var customer = fixtures.verified().id();
		assertRefused(new Disclosure("nsa", customer, Set.of("customer-identity"), "legal-duties", "legal_obligation",
				"x", null, null), "recipient");
		assertRefused(new Disclosure("authorities", customer, Set.of("shoe-size"), "legal-duties", "legal_obligation",
				"x", null, null), "categories");
		assertRefused(new Disclosure("authorities", customer, Set.of("stored-files"), "legal-duties", "legal_obligation",
				"x", null, null), "categories");
		assertRefused(new Disclosure("authorities", customer, Set.of(), "legal-duties", "legal_obligation", "x", null,
				null), "categories");
		assertRefused(new Disclosure("authorities", customer, Set.of("customer-identity"), "newsletter",
				"consent", "x", null, null), "categories");
		assertRefused(new Disclosure("authorities", customer, Set.of("customer-identity"), "legal-duties", "contract",
				"x", null, null), "legalBasis");
		assertRefused(new Disclosure("authorities", customer, Set.of("customer-identity"), "legal-duties",
				"legal_obligation", " ", null, null), "legalGround");
		assertThat(exported(customer).records()).isEmpty();
	}

	@Test
	@DisplayName("SHR-6: a refused form comes back as a 400 with the rule, never a 500")
	void badFormInputIsA400WithTheRule() throws Exception {
		var customer = fixtures.verified();
		var officer = authentication(as(Role.PRIVACY_OFFICER));
		String page = mvc.perform(post(PAGE).param("customer", customer.id().toString()).param("recipient", "nsa")
				.param("categories", "customer-identity").param("purpose", "legal-duties").param("legalGround", "x")
				.with(csrf()).with(officer))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Unknown recipient");
		mvc.perform(post(PAGE).param("customer", customer.id().toString()).param("recipient", "authorities")
				.param("categories", "customer-identity").param("purpose", "legal-duties").with(csrf()).with(officer))
			.andExpect(status().isBadRequest());
		mvc.perform(post(PAGE).param("customer", customer.id().toString()).param("recipient", "authorities")
				.param("purpose", "legal-duties").param("legalGround", "x").with(csrf()).with(officer))
			.andExpect(status().isBadRequest());
		mvc.perform(post(PAGE).param("customer", "not-an-id").param("recipient", "authorities")
				.param("categories", "customer-identity").param("purpose", "legal-duties").param("legalGround", "x")
				.with(csrf()).with(officer))
			.andExpect(status().isBadRequest());
		mvc.perform(post(PAGE).param("customer", UUID.randomUUID().toString()).param("recipient", "authorities")
				.param("categories", "customer-identity").param("purpose", "nope").param("legalGround", "x")
				.with(csrf()).with(officer))
			.andExpect(status().isBadRequest());
		page(PAGE + "?subject=nonsense", as(Role.ADMIN)).andExpect(status().isBadRequest());
		assertThat(exported(customer.id()).records()).isEmpty();
	}

	@Test
	@DisplayName("SHR-1/RET-5: erasing the subject keeps the disclosure pseudonymously under the register's legal hold "
			+ "and clears the sealed reference")
	void erasureKeepsTheRecordAndClearsTheReference() {
		var customer = fixtures.verified().id();
		DisclosureId id = disclosures.record(new Disclosure("authorities", customer, Set.of("contact-email"),
				"legal-duties", "legal_obligation", "art. 126nd Sv", "case 7", null));
		var holder = holders.stream().filter(h -> h.categories().contains(DisclosureRecordsHolder.CATEGORY)).findFirst()
			.orElseThrow();

		var erased = holder.erase(DataSubject.of(customer));

		assertThat(erased.kept()).containsEntry(DisclosureRecordsHolder.CATEGORY, 1);
		assertThat(erased.removed()).isEmpty();
		assertThat(holder.keptOnErasure()).contains(DisclosureRecordsHolder.CATEGORY);
		assertThat(jdbc.sql("select count(*) from privacy_disclosures where id = ? and reference_sealed is null")
			.param(id.value()).query(Integer.class).single()).as("the row stays, its reference is gone").isEqualTo(1);
		assertThat(exported(customer).records()).singleElement()
			.satisfies(r -> assertThat(r).containsEntry("reference", "").containsEntry("legalGround", "art. 126nd Sv"));
		assertThat(holder.applyRetention(DisclosureRecordsHolder.CATEGORY, clock.instant().plusSeconds(1), true))
			.as("the register's rule would delete it once its period ended").isPositive();
	}

	private MockHttpServletRequestBuilder form(AccountId customer) {
		return post(PAGE).param("customer", customer.toString()).param("recipient", "authorities")
			.param("categories", "customer-identity", "contact-email").param("purpose", "legal-duties")
			.param("legalGround", "art. 126nd Sv, vordering OvJ").param("reference", "PV-2026-0042");
	}

	private void assertRefused(Disclosure disclosure, String field) {
		assertThatThrownBy(() -> disclosures.record(disclosure)).isInstanceOfSatisfying(InvalidInputException.class,
				e -> assertThat(e.field()).isEqualTo(field));
	}

	private ExportedCategory exported(AccountId subject) {
		return holders.stream().flatMap(h -> h.export(DataSubject.of(subject)).stream())
			.filter(c -> c.category().equals(DisclosureRecordsHolder.CATEGORY)).findFirst().orElseThrow();
	}

	private org.springframework.test.web.servlet.ResultActions page(String path, Authentication as) throws Exception {
		return mvc.perform(get(path).with(authentication(as)));
	}

	private Authentication as(Role role) {
		return fixtures.authentication(fixtures.staff(Set.of(role)).id(), true);
	}
}
