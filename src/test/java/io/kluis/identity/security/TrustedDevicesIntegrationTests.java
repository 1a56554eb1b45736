package io.kluis.identity.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.kluis.KluisIntegrationTest;
import io.kluis.WithMailbox;
import io.kluis.identity.TestAccounts;
import io.kluis.identity.account.Accounts;
import io.kluis.identity.account.AppPasswordScope;
import io.kluis.identity.account.AppPasswords;
import jakarta.servlet.http.Cookie;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 8: throttling guesses must not refuse a correct credential from a device that proved itself
 * (NIST SP 800-63B-4 §3.2.2, OWASP device cookies). One attacker behind a NAT or proxy must not
 * lock out everyone there, nor a spray over many addresses lock out the owner.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
class TrustedDevicesIntegrationTests extends WithMailbox {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	PasswordLogin login;

	@Autowired
	AppPasswords appPasswords;

	@Autowired
	Accounts accounts;

	TestAccounts fixtures;

	@BeforeEach
	void setUp() {
		fixtures = TestAccounts.in(context);
	}

	@Test
	@DisplayName("SEC-5: after 21 wrong passwords from one address a valid app password from that address still works; "
			+ "a wrong one is still refused")
	void aValidAppPasswordIsNotRefusedBecauseOfItsAddress() throws Exception {
		var customer = fixtures.verified();
		String secret = appPasswords.create(customer.id(), "nas", Set.of(AppPasswordScope.API_READ)).secret();
		String office = TestAccounts.uniqueAddress();
		for (int i = 0; i <= AddressThrottle.FREE; i++) {
			login.attempt(TestAccounts.uniqueEmail("sprayed"), "Summer2026!", office);
		}
		assertThat(login.attempt(customer.email(), customer.password(), office))
			.as("the address is throttled for password logins").isEqualTo(new PasswordLogin.Outcome.Refused("address-throttled"));

		assertThat(mvc.perform(get("/api/v1/me").with(httpBasic(customer.email(), secret)).with(TestAccounts.from(office)))
			.andReturn().getResponse().getStatus()).isEqualTo(200);
		assertThat(mvc.perform(get("/api/v1/me").with(httpBasic(customer.email(), secret + "x"))
			.with(TestAccounts.from(office))).andReturn().getResponse().getStatus()).isEqualTo(401);
	}

	@Test
	@DisplayName("SEC-5: 200 wrong passwords over 25 addresses throttle the account for strangers, but the owner's browser, "
			+ "which logged in before (device cookie), still logs in from a throttled address")
	void aSprayDoesNotLockOutTheOwnersDevice() throws Exception {
		var owner = fixtures.verified();
		Cookie device = panelLogin(owner.email(), owner.password(), TestAccounts.uniqueAddress(), null).getCookie("kluis-device");
		assertThat(device).as("a complete panel login leaves a device cookie").isNotNull();
		assertThat(device.isHttpOnly()).isTrue();

		List<String> addresses = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			addresses.add(TestAccounts.uniqueAddress());
		}
		for (int i = 0; i < 200; i++) {
			login.attempt(owner.email(), "guess number " + i, addresses.get(i % 25));
		}
		assertThat(accounts.findById(owner.id()).orElseThrow().guard().allowsAttemptAt(Instant.now()))
			.as("the account is throttled for strangers").isFalse();

		var stranger = panelLogin(owner.email(), owner.password(), TestAccounts.uniqueAddress(), null);
		assertThat(stranger.getRedirectedUrl()).as("a browser without the cookie is refused").endsWith("/login?error");
		var sharedAddress = panelLogin(owner.email(), owner.password(), addresses.get(0), device);
		assertThat(sharedAddress.getRedirectedUrl()).as("the owner's browser gets in, even from a sprayed address")
			.endsWith("/panel");

		String nat = TestAccounts.uniqueAddress();
		for (int i = 0; i <= AddressThrottle.FREE; i++) {
			login.attempt(TestAccounts.uniqueEmail("sprayed"), "Summer2026!", nat);
		}
		assertThat(panelLogin(owner.email(), owner.password(), nat, device).getRedirectedUrl())
			.as("nor does one guesser behind the same NAT lock it out").endsWith("/panel");
		var someoneElse = fixtures.verified();
		assertThat(panelLogin(someoneElse.email(), someoneElse.password(), nat, device).getRedirectedUrl())
			.as("the cookie vouches only for the account it was issued to").endsWith("/login?error");
	}

	private MockHttpServletResponse panelLogin(String email, String password, String address, Cookie device)
			throws Exception {
		var request = post("/login").param("email", email).param("password", password).with(csrf())
			.with(TestAccounts.from(address));
		if (device != null) {
			request.cookie(device);
		}
		return mvc.perform(request).andReturn().getResponse();
	}
}
