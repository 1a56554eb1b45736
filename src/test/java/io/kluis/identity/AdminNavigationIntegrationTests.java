package io.kluis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.kluis.KluisIntegrationTest;
import io.kluis.WithMailbox;
import io.kluis.shared.AccountId;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.Authentication;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Staff find their part of the administration by clicking from {@code /admin}: each role sees the
 * links to every page it may open and no link it would be refused, and a customer's page shows and
 * links their restriction and objection (RIG-4, RIG-6).
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
class AdminNavigationIntegrationTests extends WithMailbox {

	private static final Pattern LINK = Pattern.compile("<a[^>]*href=\"(/admin[^\"]*)\"");

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Test
	@DisplayName("SEC-4: /admin links every page of the role's part (the privacy request queue and the register "
			+ "versions for the privacy officer and administrators), and every link opens for that role")
	void eachRoleFindsItsPagesFromTheDashboard() throws Exception {
		var fixtures = TestAccounts.in(context);
		Set<String> everything = Set.of("/admin/customers", "/admin/staff", "/admin/settings", "/admin/audit",
				"/admin/retention", "/admin/break-glass", "/admin/mail", "/admin/newsletter", "/admin/privacy/requests",
				"/admin/privacy/versions", "/admin/privacy/disclosures", "/admin/billing/catalogue");
		assertLinks(fixtures, Role.ADMIN, everything);
		assertLinks(fixtures, Role.PRIVACY_OFFICER, Set.of("/admin/customers", "/admin/audit", "/admin/retention",
				"/admin/break-glass", "/admin/privacy/requests", "/admin/privacy/versions", "/admin/privacy/disclosures"));
		assertLinks(fixtures, Role.SUPPORT, Set.of("/admin/customers"));
		assertLinks(fixtures, Role.BILLING, Set.of("/admin/customers", "/admin/billing/invoices", "/admin/billing/catalogue"));
	}

	@Test
	@DisplayName("RIG-4, RIG-6: a customer's page shows whether processing is restricted or objected to and links "
			+ "to where the privacy officer changes it; support sees the state without the link")
	void customerPageShowsAndLinksRestrictionAndObjection() throws Exception {
		var fixtures = TestAccounts.in(context);
		AccountId customer = fixtures.verified().id();
		Authentication officer = fixtures.authentication(fixtures.staff(Set.of(Role.PRIVACY_OFFICER)).id(), true);
		String page = page("/admin/customers/" + customer.value(), officer);
		assertThat(field(page, "restricted")).isEqualTo("—");
		assertThat(field(page, "objected")).isEqualTo("—");
		String states = "/admin/privacy/subjects/" + customer.value();
		assertThat(links(page)).contains(states);

		mvc.perform(post(states).param("action", "restrict").with(csrf()).with(authentication(officer)));
		mvc.perform(post(states).param("action", "object").with(csrf()).with(authentication(officer)));
		assertThat(links(page(states, officer))).as("and back").contains("/admin/customers/" + customer.value());

		page = page("/admin/customers/" + customer.value(), officer);
		assertThat(field(page, "restricted")).isEqualTo("✓");
		assertThat(field(page, "objected")).isEqualTo("✓");

		Authentication support = fixtures.authentication(fixtures.staff(Set.of(Role.SUPPORT)).id(), true);
		page = page("/admin/customers/" + customer.value(), support);
		assertThat(field(page, "restricted")).isEqualTo("✓");
		assertThat(links(page)).doesNotContain(states);
	}

	private void assertLinks(TestAccounts fixtures, Role role, Set<String> expected) throws Exception {
		Authentication as = fixtures.authentication(fixtures.staff(Set.of(role)).id(), true);
		Set<String> linked = links(page("/admin", as));
		assertThat(linked).as(role + "'s links on /admin").containsExactlyInAnyOrderElementsOf(expected);
		for (String link : linked) {
			assertThat(mvc.perform(get(link).with(authentication(as))).andReturn().getResponse().getStatus())
				.as(role + " opens " + link).isEqualTo(200);
		}
	}

	private String page(String path, Authentication as) throws Exception {
		var response = mvc.perform(get(path).with(authentication(as))).andReturn().getResponse();
		assertThat(response.getStatus()).as(path).isEqualTo(200);
		return response.getContentAsString();
	}

	private static Set<String> links(String page) {
		var main = page.substring(page.indexOf("<main"), page.indexOf("</main>"));
		var links = new LinkedHashSet<String>();
		LINK.matcher(main).results().forEach(m -> links.add(m.group(1)));
		return links;
	}

	private static String field(String page, String id) {
		var m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(page);
		assertThat(m.find()).as(id).isTrue();
		return m.group(1);
	}
}
