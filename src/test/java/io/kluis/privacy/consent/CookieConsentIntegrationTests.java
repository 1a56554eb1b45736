package io.kluis.privacy.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kluis.KluisIntegrationTest;
import io.kluis.WithMailbox;
import io.kluis.identity.Role;
import io.kluis.identity.TestAccounts;
import io.kluis.privacy.ConsentAction;
import io.kluis.privacy.ConsentRecord;
import io.kluis.privacy.ConsentSource;
import io.kluis.privacy.CookieConsent;
import io.kluis.privacy.PolicyVersions;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.register.ProcessingRegister.CookieCategory;
import jakarta.servlet.http.Cookie;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.test.web.servlet.MockMvc;

/**
 * CON-2 over HTTP: without consent no response sets a cookie the register does not call technical;
 * a choice is recorded with its policy version (and the account when logged in, never an IP);
 * withdrawing deletes the cookies it no longer permits; restriction overrides a browser's consent.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
class CookieConsentIntegrationTests extends WithMailbox {

	static final List<String> PUBLIC_PAGES = List.of("/", "/login", "/register", "/login/forgot", "/newsletter",
			"/consent/cookies", "/privacy", "/does-not-exist");

	@Autowired
	MockMvc mvc;

	@Autowired
	ProcessingRegister register;

	@Autowired
	ConsentLedger ledger;

	@Autowired
	PolicyVersions policy;

	@Autowired
	CookieConsent cookieConsent;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationContext context;

	@Autowired
	Clock clock;

	TestAccounts fixtures;

	@BeforeEach
	void setUp() {
		fixtures = TestAccounts.in(context);
	}

	@Test
	@DisplayName("CON-2: without consent, no page (public, panel or admin) sets a cookie the register does not declare technical")
	void noNonTechnicalCookieWithoutConsent() throws Exception {
		Set<String> technical = technicalCookies();
		var customer = fixtures.authentication(fixtures.verified().id(), false);
		var admin = fixtures.authentication(fixtures.staff(Set.of(Role.ADMIN)).id(), true);
		List<String> set = new ArrayList<>();
		for (String page : PUBLIC_PAGES) {
			set.addAll(cookieNames(mvc.perform(get(page)).andReturn().getResponse()));
			set.addAll(cookieNames(mvc.perform(get(page).cookie(choice("-"))).andReturn().getResponse()));
		}
		for (String page : List.of("/panel", "/panel/my-data", "/panel/security", "/panel/newsletter")) {
			set.addAll(cookieNames(mvc.perform(get(page).with(authentication(customer))).andReturn().getResponse()));
		}
		for (String page : List.of("/admin", "/admin/newsletter")) {
			set.addAll(cookieNames(mvc.perform(get(page).with(authentication(admin))).andReturn().getResponse()));
		}
		set.addAll(cookieNames(mvc.perform(post("/consent/cookies").with(csrf()).param("choice", "none"))
			.andReturn()
			.getResponse()));
		assertThat(set).isNotEmpty().allMatch(name -> technical.contains(name.replace("__Host-", "")),
				"declared technical in the register " + technical);
	}

	@Test
	@DisplayName("CON-2: accepting analytics stores the choice in a technical cookie and records it with the policy version, without an IP")
	void anAnonymousChoiceIsRecorded() throws Exception {
		var response = mvc.perform(post("/consent/cookies").with(csrf())
			.param("choice", "custom")
			.param("analytical", "true")
			.param("returnTo", "/newsletter")).andExpect(status().isSeeOther()).andReturn().getResponse();
		assertThat(response.getHeader("Location")).isEqualTo("/newsletter");
		String value = setCookie(response, CookieChoice.COOKIE);
		CookieChoice choice = CookieChoice.parse(value).orElseThrow();
		assertThat(choice.granted()).containsExactly(CookieCategory.ANALYTICAL);

		ConsentRecord record = ledger.ofSubjectKey(choice.consentId()).get(0);
		assertThat(record.purpose()).isEqualTo("cookies");
		assertThat(record.action()).isEqualTo(ConsentAction.CHOSEN);
		assertThat(record.choice()).isEqualTo("analytical");
		assertThat(record.source()).isEqualTo(ConsentSource.COOKIE_BANNER);
		assertThat(record.policyVersion()).isEqualTo(policy.current());
		assertThat(record.account()).isNull();
		assertThat(record.ip()).isNull();
		assertThat(record.email()).isNull();

		// With consent, the analytics cookie is set on the next page, and the visit is counted.
		var next = mvc.perform(get("/newsletter").cookie(new Cookie(CookieChoice.COOKIE, value))).andReturn().getResponse();
		assertThat(cookieNames(next)).contains(VisitStatistics.COOKIE);

		// Withdrawing: recorded as such, and the analytics cookie is deleted at once.
		var withdrawal = mvc.perform(post("/consent/cookies").with(csrf())
			.param("choice", "none")
			.param("from", "settings")
			.cookie(new Cookie(CookieChoice.COOKIE, value), new Cookie(VisitStatistics.COOKIE, UUID.randomUUID().toString())))
			.andExpect(status().isSeeOther())
			.andReturn()
			.getResponse();
		assertThat(response(withdrawal, VisitStatistics.COOKIE)).contains("Max-Age=0");
		assertThat(CookieChoice.parse(setCookie(withdrawal, CookieChoice.COOKIE)).orElseThrow())
			.isEqualTo(new CookieChoice(choice.consentId(), Set.of(), choice.policyVersion()));
		assertThat(ledger.ofSubjectKey(choice.consentId())).extracting(ConsentRecord::action)
			.containsExactly(ConsentAction.CHOSEN, ConsentAction.WITHDRAWN);
		assertThat(ledger.ofSubjectKey(choice.consentId()).get(1).source()).isEqualTo(ConsentSource.COOKIE_SETTINGS);
	}

	@Test
	@DisplayName("CON-2: a logged-in customer's choice is recorded with the account id")
	void aCustomersChoiceCarriesTheAccount() throws Exception {
		var customer = fixtures.verified();
		var response = mvc.perform(post("/consent/cookies").with(csrf())
			.with(authentication(fixtures.authentication(customer.id(), false)))
			.param("choice", "all")).andReturn().getResponse();
		CookieChoice choice = CookieChoice.parse(setCookie(response, CookieChoice.COOKIE)).orElseThrow();
		assertThat(ledger.ofSubjectKey(choice.consentId()).get(0).account()).isEqualTo(customer.id());
		assertThat(ledger.ofSubjectKey(choice.consentId()).get(0).choice()).isEqualTo("functional,analytical,commercial");
	}

	@Test
	@DisplayName("RIG-4, CON-2: a restricted account gets no analytics cookie even when its browser consented")
	void restrictionOverridesConsent() throws Exception {
		var customer = fixtures.verified();
		jdbc.sql("insert into privacy_subject_states (account_id, restricted_at) values (?, ?)")
			.params(customer.id().value(), Timestamp.from(clock.instant()))
			.update();
		Authentication as = fixtures.authentication(customer.id(), false);
		var response = mvc.perform(get("/panel").with(authentication(as)).cookie(choice("fac"))).andReturn().getResponse();
		assertThat(cookieNames(response)).doesNotContain(VisitStatistics.COOKIE);
	}

	@Test
	@DisplayName("CON-2: a cookie the register does not declare cannot be set through CookieConsent at all")
	void undeclaredCookiesAreRefused() {
		var request = new MockHttpServletRequest();
		request.setCookies(choice("fac"));
		var response = new MockHttpServletResponse();
		assertThatThrownBy(() -> cookieConsent.set(request, response, ResponseCookie.from("tracker", "1").build()))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("not declared");
		assertThat(cookieConsent.permits(new MockHttpServletRequest(), VisitStatistics.COOKIE)).isFalse();
		assertThat(cookieConsent.set(new MockHttpServletRequest(), response,
				ResponseCookie.from(VisitStatistics.COOKIE, "1").build())).isFalse();
		assertThat(response.getHeaders("Set-Cookie")).isEmpty();
	}

	private Set<String> technicalCookies() {
		return register.cookies()
			.stream()
			.filter(c -> c.category() == CookieCategory.TECHNICAL)
			.map(ProcessingRegister.Cookie::name)
			.collect(Collectors.toSet());
	}

	static Cookie choice(String flags) {
		return new Cookie(CookieChoice.COOKIE, "1." + UUID.randomUUID() + "." + flags);
	}

	static List<String> cookieNames(MockHttpServletResponse response) {
		return response.getHeaders("Set-Cookie").stream().map(h -> h.substring(0, h.indexOf('=')).strip()).toList();
	}

	static String response(MockHttpServletResponse response, String name) {
		return response.getHeaders("Set-Cookie").stream().filter(h -> h.startsWith(name + "=")).findFirst().orElseThrow();
	}

	static String setCookie(MockHttpServletResponse response, String name) {
		String header = response(response, name);
		int end = header.indexOf(';');
		return header.substring(name.length() + 1, end < 0 ? header.length() : end);
	}

}
