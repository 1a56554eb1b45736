package io.kluis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kluis.KluisIntegrationTest;
import io.kluis.WithMailbox;
import io.kluis.identity.account.AppPasswordScope;
import io.kluis.identity.account.AppPasswords;
import io.kluis.identity.account.StaffAdministration;
import java.util.EnumSet;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** ACC-2: no page or API call that holds personal data answers without authentication. */
@KluisIntegrationTest
@AutoConfigureMockMvc
class AuthenticationRequiredIntegrationTests extends WithMailbox {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	StaffAdministration staff;

	@Autowired
	AppPasswords appPasswords;

	TestAccounts fixtures;

	String address;

	@BeforeEach
	void setUp() {
		fixtures = TestAccounts.in(context);
		address = TestAccounts.uniqueAddress();
	}

	@Test
	@DisplayName("ACC-2: every page with personal data sends an anonymous visitor to the login page")
	void pagesRedirectAnonymousVisitorsToLogin() throws Exception {
		var someone = fixtures.verified();
		for (String path : new String[] { "/panel", "/panel/my-data", "/panel/security", "/panel/security/totp",
				"/admin", "/admin/customers", "/admin/customers/" + someone.id().value(), "/admin/staff", "/admin/audit",
				"/admin/mail" }) {
			var response = mvc.perform(get(path).accept(MediaType.TEXT_HTML).with(TestAccounts.from(address)))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).as("GET " + path).isEqualTo(302);
			assertThat(response.getRedirectedUrl()).as("GET " + path).endsWith("/login");
			// A client that does not say what it accepts gets a bare 401 instead of the redirect.
			assertThat(mvc.perform(get(path).with(TestAccounts.from(address))).andReturn().getResponse().getStatus())
				.as("GET " + path + " without Accept").isIn(302, 401);
		}
		mvc.perform(post("/admin/customers/{id}/open", someone.id().value()).param("reason", "SUPPORT_REQUEST")
			.accept(MediaType.TEXT_HTML).with(csrf()).with(TestAccounts.from(address))).andExpect(status().isFound())
			.andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).endsWith("/login"));
		mvc.perform(post("/panel/my-data/email").param("email", TestAccounts.uniqueEmail("x")).accept(MediaType.TEXT_HTML)
			.with(csrf())
			.with(TestAccounts.from(address))).andExpect(status().isFound())
			.andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).endsWith("/login"));
	}

	@Test
	@DisplayName("ACC-2: every API call with personal data answers 401 with a problem document and a Basic challenge")
	void apiCallsWithoutCredentialsAreUnauthorized() throws Exception {
		for (MockHttpServletRequestBuilder request : new MockHttpServletRequestBuilder[] { get("/api/v1/me"),
				get("/api/v1/app-passwords"), patch("/api/v1/me").contentType(MediaType.APPLICATION_JSON).content("{}"),
				post("/api/v1/me/totp"), delete("/api/v1/me/totp"),
				delete("/api/v1/app-passwords/{id}", UUID.randomUUID()) }) {
			expectUnauthorized(request.with(TestAccounts.from(address)));
		}
	}

	@Test
	@DisplayName("ACC-2: the API accepts only an app password of the account itself, never the account password")
	void anAppPasswordOpensOnlyItsOwnAccount() throws Exception {
		var alice = fixtures.verified();
		var bob = fixtures.verified();
		String alicesSecret = appPasswords.create(alice.id(), "alice's client", EnumSet.allOf(AppPasswordScope.class)).secret();

		mvc.perform(get("/api/v1/me").with(httpBasic(alice.email(), alicesSecret)).with(TestAccounts.from(address)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(alice.id().toString()));

		expectUnauthorized(get("/api/v1/me").with(httpBasic(bob.email(), alicesSecret)).with(TestAccounts.from(address)));
		expectUnauthorized(get("/api/v1/app-passwords").with(httpBasic(bob.email(), alicesSecret))
			.with(TestAccounts.from(address)));
		expectUnauthorized(get("/api/v1/me").with(httpBasic(bob.email(), bob.password())).with(TestAccounts.from(address)));
		expectUnauthorized(get("/api/v1/me").with(httpBasic(alice.email(), alice.password()))
			.with(TestAccounts.from(address)));
		expectUnauthorized(get("/api/v1/me").with(httpBasic(alice.email(), alicesSecret + "x"))
			.with(TestAccounts.from(address)));
	}

	@Test
	@DisplayName("ACC-2: a revoked app password no longer opens the account")
	void aRevokedAppPasswordIsRefused() throws Exception {
		var alice = fixtures.verified();
		var created = appPasswords.create(alice.id(), "old phone", EnumSet.allOf(AppPasswordScope.class));
		appPasswords.revoke(alice.id(), created.id(), alice.id());

		expectUnauthorized(get("/api/v1/me").with(httpBasic(alice.email(), created.secret()))
			.with(TestAccounts.from(address)));
	}

	@Test
	@DisplayName("ACC-2: an app password of an account that cannot log in is refused")
	void anAppPasswordOfAnUnverifiedAccountIsRefused() throws Exception {
		var unverified = fixtures.unverified();
		String secret = appPasswords.create(unverified.id(), "client", EnumSet.allOf(AppPasswordScope.class)).secret();

		expectUnauthorized(get("/api/v1/me").with(httpBasic(unverified.email(), secret)).with(TestAccounts.from(address)));
	}

	private void expectUnauthorized(MockHttpServletRequestBuilder request) throws Exception {
		var response = mvc.perform(request)
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string("WWW-Authenticate", Matchers.startsWith("Basic ")))
			.andExpect(jsonPath("$.status").value(401))
			.andExpect(jsonPath("$.title").isNotEmpty())
			.andReturn()
			.getResponse();
		assertThat(response.getContentAsString()).doesNotContain("@example.org");
	}
}
