package io.kluis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.kluis.KluisIntegrationTest;
import io.kluis.Mailbox;
import io.kluis.WithMailbox;
import io.kluis.identity.account.Accounts;
import io.kluis.identity.account.CustomerRegistration;
import io.kluis.identity.account.StaffAdministration;
import io.kluis.identity.security.PasswordLogin;
import io.kluis.notifications.Notifications;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * Acceptance 5 (ACC-1, ACC-2): registration, login and password reset give the same answer, in the
 * same time, whether or not an address has an account, so none of them tells a visitor who is a
 * customer.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
class EnumerationResistanceIntegrationTests extends WithMailbox {

	@Autowired
	MockMvc mvc;

	@Autowired
	CustomerRegistration registration;

	@Autowired
	Accounts accounts;

	@Autowired
	StaffAdministration staff;

	@Autowired
	PasswordLogin login;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	TestAccounts fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new TestAccounts(registration, accounts, staff, clock);
	}

	@Test
	@DisplayName("ACC-1: registering with a known email answers exactly like registering with a new one")
	void registrationAnswersTheSameForKnownAndNewAddresses() throws Exception {
		var known = fixtures.verified();
		String fresh = TestAccounts.uniqueEmail("fresh");

		MockHttpServletResponse forNew = register(fresh);
		MockHttpServletResponse forKnown = register(known.email());

		assertThat(forKnown.getStatus()).isEqualTo(forNew.getStatus()).isEqualTo(202);
		assertThat(forKnown.getContentAsString()).isEqualTo(forNew.getContentAsString());
		assertThat(forKnown.getContentType()).isEqualTo(forNew.getContentType());
		assertThat(forKnown.getHeaderNames()).containsExactlyInAnyOrderElementsOf(forNew.getHeaderNames());
		// The difference reaches only the owner of the address, by mail.
		// (The known address had one verification mail from its own registration, then this.)
		var mails = Mailbox.awaitMails(known.email(), 2);
		assertThat(mails).hasSize(2).filteredOn(m -> Mailbox.body(m).contains("/verify?token=")).hasSize(1);
		assertThat(mails).filteredOn(m -> !Mailbox.body(m).contains("/verify?token="))
			.singleElement()
			.satisfies(m -> assertThat(Mailbox.body(m)).contains("/login/forgot"));
		assertThat(Mailbox.body(Mailbox.awaitMail(fresh, 1))).contains("/verify?token=");
	}

	@Test
	@DisplayName("ACC-2: a wrong password, an unknown email and a locked account fail the login form the same way")
	void theLoginFormFailsTheSameWay() throws Exception {
		var existing = fixtures.verified();
		var locked = fixtures.verified();
		lock(locked);

		String wrongPassword = loginForm(existing.email(), "wrong password for this one");
		String unknownEmail = loginForm(TestAccounts.uniqueEmail("nobody"), "wrong password for this one");
		String lockedWithRightPassword = loginForm(locked.email(), locked.password());
		String lockedWithWrongPassword = loginForm(locked.email(), "wrong password for this one");

		assertThat(List.of(wrongPassword, unknownEmail, lockedWithRightPassword, lockedWithWrongPassword))
			.containsOnly("/login?error");
	}

	@Test
	@DisplayName("ACC-2: a wrong password, an unknown email and a locked account take the same time (one Argon2 each)")
	void loginFailuresTakeTheSameTime() {
		var existing = fixtures.verified();
		var locked = fixtures.verified();
		lock(locked);
		Map<String, Supplier<PasswordLogin.Outcome>> cases = Map.of(
				"wrong password", () -> attemptAndReset(existing, "wrong password for this one"),
				"unknown email", () -> login.attempt(TestAccounts.uniqueEmail("nobody"), "wrong password for this one",
						TestAccounts.uniqueAddress()),
				"locked", () -> login.attempt(locked.email(), locked.password(), TestAccounts.uniqueAddress()));
		for (int warmUp = 0; warmUp < 2; warmUp++) {
			cases.values().forEach(Supplier::get);
		}

		var times = new java.util.HashMap<String, List<Long>>();
		for (int round = 0; round < 7; round++) {
			for (var entry : cases.entrySet()) {
				long start = System.nanoTime();
				var outcome = entry.getValue().get();
				times.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(System.nanoTime() - start);
				assertThat(outcome).as(entry.getKey()).isInstanceOf(PasswordLogin.Outcome.Refused.class);
			}
		}

		var medians = new java.util.HashMap<String, Long>();
		times.forEach((name, list) -> medians.put(name, list.stream().sorted().toList().get(list.size() / 2)));
		long fastest = medians.values().stream().min(Long::compare).orElseThrow();
		long slowest = medians.values().stream().max(Long::compare).orElseThrow();
		assertThat(slowest).as("median nanoseconds per case: " + medians).isLessThanOrEqualTo(2 * fastest);
	}

	@Test
	@DisplayName("ACC-2: a password-reset request answers the same for known and unknown addresses; only the known one gets mail")
	void passwordResetAnswersTheSame() throws Exception {
		var known = fixtures.verified();
		String unknown = TestAccounts.uniqueEmail("nobody");

		String formForKnown = forgotForm(known.email());
		String formForUnknown = forgotForm(unknown);
		assertThat(formForKnown).isEqualTo(formForUnknown);

		MockHttpServletResponse apiForKnown = resetApi(known.email());
		MockHttpServletResponse apiForUnknown = resetApi(unknown);
		assertThat(apiForKnown.getStatus()).isEqualTo(apiForUnknown.getStatus()).isEqualTo(202);
		assertThat(apiForKnown.getContentAsString()).isEqualTo(apiForUnknown.getContentAsString());

		notifications.flush();
		// One verification mail from the registration, then one reset mail per request.
		assertThat(Mailbox.awaitMails(known.email(), 3)).filteredOn(m -> Mailbox.body(m).contains("/login/reset?token="))
			.hasSize(2);
		assertThat(Mailbox.to(unknown)).isEmpty();
	}

	private MockHttpServletResponse register(String email) throws Exception {
		var body = JsonMapper.builder().build().writeValueAsString(Map.of("email", email, "password",
				TestAccounts.PASSWORD, "firstName", "Anna", "lastName", "de Vries", "street", "Kerkstraat 1",
				"postalCode", "1234 AB", "city", "Utrecht", "country", "NL", "dateOfBirth", "1990-04-02", "language", "en"));
		return mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON).content(body)
			.with(TestAccounts.from(TestAccounts.uniqueAddress()))).andReturn().getResponse();
	}

	private String loginForm(String email, String password) throws Exception {
		return mvc.perform(post("/login").param("email", email).param("password", password).with(csrf())
			.with(TestAccounts.from(TestAccounts.uniqueAddress()))).andReturn().getResponse().getRedirectedUrl();
	}

	/** The page after "forgot password", without the per-request CSRF token. */
	private String forgotForm(String email) throws Exception {
		var response = mvc.perform(post("/login/forgot").param("email", email).with(csrf())
			.with(TestAccounts.from(TestAccounts.uniqueAddress()))).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getStatus() + "\n" + response.getContentAsString().replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "");
	}

	private MockHttpServletResponse resetApi(String email) throws Exception {
		return mvc.perform(post("/api/v1/password-resets").contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\":\"" + email + "\"}")
			.with(TestAccounts.from(TestAccounts.uniqueAddress()))).andReturn().getResponse();
	}

	/** A wrong password for an existing account, then its failure count back to zero so it is never throttled. */
	private PasswordLogin.Outcome attemptAndReset(TestAccounts.Known account, String password) {
		var outcome = login.attempt(account.email(), password, TestAccounts.uniqueAddress());
		jdbc.sql("update identity_accounts set failed_logins = 0, throttled_until = null where id = ?")
			.param(account.id().value())
			.update();
		return outcome;
	}

	private void lock(TestAccounts.Known account) {
		jdbc.sql("update identity_accounts set failed_logins = 20, locked_at = ? where id = ?")
			.params(Timestamp.from(clock.instant()), account.id().value())
			.update();
	}
}
