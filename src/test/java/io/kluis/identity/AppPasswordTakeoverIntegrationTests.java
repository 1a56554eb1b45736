package io.kluis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.kluis.KluisIntegrationTest;
import io.kluis.Mailbox;
import io.kluis.WithMailbox;
import io.kluis.identity.account.AppPasswordScope;
import io.kluis.identity.account.AppPasswords;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Issue 8: an app password (a device credential) never reaches account takeover. The reported path
 * was {@code PATCH /api/v1/me {"email": …}} with an app password, the confirmation to the new
 * address, a password reset to it; and the same app password downloading the full export.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
class AppPasswordTakeoverIntegrationTests extends WithMailbox {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	AppPasswords appPasswords;

	@Autowired
	JdbcClient jdbc;

	TestAccounts fixtures;

	String address;

	@BeforeEach
	void setUp() {
		fixtures = TestAccounts.in(context);
		address = TestAccounts.uniqueAddress();
	}

	@Test
	@DisplayName("ACC-2: the takeover path fails at its first step with an app password of every scope: changing the "
			+ "email address without the account password is refused and mails nothing; the export is refused")
	void anAppPasswordAloneCannotTakeOverTheAccount() throws Exception {
		var victim = fixtures.verified();
		String secret = appPasswords.create(victim.id(), "stolen laptop", EnumSet.allOf(AppPasswordScope.class)).secret();
		String attacker = TestAccounts.uniqueEmail("attacker");

		var changed = send(patch("/api/v1/me").contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\":\"" + attacker + "\"}"), victim.email(), secret);
		assertThat(changed.getStatus()).as("step 1, the email change, is refused").isEqualTo(400);
		assertThat(changed.getContentAsString()).contains("X-Kluis-Password");
		assertThat(jdbc.sql("select count(*) from identity_tokens where account_id = ? and purpose = 'CHANGE_EMAIL'")
			.param(victim.id().value()).query(Integer.class).single()).as("no confirmation link exists").isZero();
		Thread.sleep(500);
		assertThat(Mailbox.to(attacker)).as("nothing is mailed to the attacker's address").isEmpty();
		var wrong = send(patch("/api/v1/me").contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\":\"" + attacker + "\"}").header("X-Kluis-Password", "guessed wrong"), victim.email(), secret);
		assertThat(wrong.getStatus()).isEqualTo(400);

		assertThat(send(post("/api/v1/me/exports"), victim.email(), secret).getStatus())
			.as("requesting the personal-data export needs the account password").isEqualTo(400);
		String location = send(post("/api/v1/me/exports").header("X-Kluis-Password", victim.password()), victim.email(),
				secret).getHeader("Location");
		await().atMost(Duration.ofSeconds(20)).until(() -> send(get(location), victim.email(), secret).getStatus() != 202);
		assertThat(send(get(location), victim.email(), secret).getStatus())
			.as("an export the owner requested is not handed to an app password alone").isEqualTo(400);
		assertThat(send(delete("/api/v1/me/totp"), victim.email(), secret).getStatus()).isEqualTo(400);
		assertThat(send(post("/api/v1/me/totp"), victim.email(), secret).getStatus()).isEqualTo(400);
		assertThat(send(delete("/api/v1/me"), victim.email(), secret).getStatus()).isEqualTo(400);
		assertThat(send(post("/api/v1/app-passwords").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"more\"}"),
				victim.email(), secret).getStatus()).as("an app password cannot make another one").isEqualTo(401);
		assertThat(send(get("/api/v1/me"), victim.email(), secret).getContentAsString()).contains(victim.email());
	}

	@Test
	@DisplayName("ACC-2: with the account password in X-Kluis-Password the owner's client still changes the email "
			+ "address (confirmation mailed) and downloads the export")
	void theOwnerWithTheAccountPasswordStillCanDoEverything() throws Exception {
		var owner = fixtures.verified();
		String secret = appPasswords.create(owner.id(), "cli", Set.of(AppPasswordScope.API_WRITE)).secret();
		String newAddress = TestAccounts.uniqueEmail("moved");

		var changed = send(patch("/api/v1/me").contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\":\"" + newAddress + "\"}").header("X-Kluis-Password", owner.password()), owner.email(), secret);
		assertThat(changed.getStatus()).isEqualTo(202);
		assertThat(Mailbox.awaitMail(newAddress, 1)).isNotNull();

		var requested = send(post("/api/v1/me/exports").header("X-Kluis-Password", owner.password()), owner.email(), secret);
		assertThat(requested.getStatus()).isEqualTo(202);
		String location = requested.getHeader("Location");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> send(get(location).header("X-Kluis-Password", owner.password()), owner.email(), secret)
				.getStatus() == 200);
		var zip = send(get(location).header("X-Kluis-Password", owner.password()), owner.email(), secret);
		assertThat(zip.getContentType()).isEqualTo("application/zip");
	}

	@Test
	@DisplayName("ACC-2: an app password reaches only its scopes: files is WebDAV only (the default), api:read reads "
			+ "the API, api:write changes it; a refusal is 403 with a problem document")
	void anAppPasswordReachesOnlyItsScopes() throws Exception {
		var owner = fixtures.verified();
		String files = appPasswords.create(owner.id(), "nas").secret();
		String reader = appPasswords.create(owner.id(), "dashboard", Set.of(AppPasswordScope.API_READ)).secret();
		String writer = appPasswords.create(owner.id(), "cli", Set.of(AppPasswordScope.API_WRITE)).secret();
		assertThat(appPasswords.list(owner.id())).filteredOn(p -> p.name().equals("nas"))
			.singleElement().satisfies(p -> assertThat(p.scopes()).containsExactly(AppPasswordScope.FILES));

		var refused = send(get("/api/v1/me"), owner.email(), files);
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(refused.getContentType()).startsWith("application/problem+json");
		assertThat(send(request(HttpMethod.valueOf("PROPFIND"), "/dav/vault/").header("Depth", "0"), owner.email(), files)
			.getStatus()).as("WebDAV lets it in").isNotIn(401, 403);

		assertThat(send(get("/api/v1/me"), owner.email(), reader).getStatus()).isEqualTo(200);
		assertThat(send(patch("/api/v1/me").contentType(MediaType.APPLICATION_JSON).content("{\"city\":\"Delft\"}"),
				owner.email(), reader).getStatus()).isEqualTo(403);
		assertThat(send(request(HttpMethod.valueOf("PROPFIND"), "/dav/vault/").header("Depth", "0"), owner.email(), reader)
			.getStatus()).isEqualTo(403);

		assertThat(send(get("/api/v1/me"), owner.email(), writer).getStatus()).isEqualTo(200);
		assertThat(send(patch("/api/v1/me").contentType(MediaType.APPLICATION_JSON).content("{\"city\":\"Delft\"}"),
				owner.email(), writer).getStatus()).isEqualTo(200);
	}

	private MockHttpServletResponse send(MockHttpServletRequestBuilder request, String email, String secret)
			throws Exception {
		return mvc.perform(request.with(httpBasic(email, secret)).with(TestAccounts.from(address))).andReturn().getResponse();
	}
}
