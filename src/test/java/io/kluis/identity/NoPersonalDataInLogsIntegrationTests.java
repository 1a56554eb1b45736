package io.kluis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.kluis.KluisIntegrationTest;
import io.kluis.Mailbox;
import io.kluis.WithMailbox;
import io.kluis.identity.account.Accounts;
import io.kluis.identity.account.AppPasswords;
import io.kluis.identity.account.CustomerRegistration;
import io.kluis.identity.account.MultiFactor;
import io.kluis.identity.account.StaffAdministration;
import io.kluis.identity.credentials.Totp;
import io.kluis.identity.credentials.TotpSecret;
import io.kluis.notifications.Notifications;
import io.kluis.shared.EmailAddress;
import jakarta.servlet.http.Cookie;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.validation.BindingResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Acceptance 4: a customer's whole life in identity, through the web pages and the API, logged at
 * the production level (INFO), leaves none of their personal data or secrets in the log output.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
// The production level; the test's own SMTP server (GreenMail) logs the recipients it creates.
@TestPropertySource(properties = { "logging.level.root=INFO", "logging.level.com.icegreen.greenmail=WARN" })
class NoPersonalDataInLogsIntegrationTests extends WithMailbox {

	@Autowired
	MockMvc mvc;

	@Autowired
	CustomerRegistration registration;

	@Autowired
	Accounts accounts;

	@Autowired
	StaffAdministration staff;

	@Autowired
	Notifications notifications;

	@Autowired
	Clock clock;

	/** The session cookie of the browser this test plays. */
	Cookie session;

	@Test
	void aWholeAccountLifecycleLogsNoPersonalDataOrSecrets(CapturedOutput output) throws Exception {
		String marker = UUID.randomUUID().toString();
		String email = "logs-" + marker + "@example.org";
		// Long enough that nbvcxz rates it strong whatever the random part (a short one was refused now and then).
		String password = "lantern " + UUID.randomUUID().toString().substring(0, 8) + " orchard quiver";
		String newPassword = "meadow " + UUID.randomUUID().toString().substring(0, 8) + " grove kettle";
		String ip = "198.51.100.231";
		var secrets = new ArrayList<>(List.of(email, marker, "Xerxesvaldo", "Quintanilha-Brouwer", "Zonnebloemhof 4711",
				"4711 QZ", "Zevenhuizen-Oost", "+31 6 24681357", "24681357", "Karpervijver Software", "1966-09-14",
				password, newPassword, ip));

		// Register with the web form and verify with the mailed link.
		MvcResult registered = browse(post("/register").param("email", email).param("password", password).param("firstName", "Xerxesvaldo")
			.param("lastName", "Quintanilha-Brouwer").param("street", "Zonnebloemhof 4711").param("postalCode", "4711 QZ")
			.param("city", "Zevenhuizen-Oost").param("country", "NL").param("dateOfBirth", "1966-09-14")
			.param("phone", "+31 6 24681357").param("companyName", "Karpervijver Software").param("acceptedTerms", "true"),
				ip);
		assertThat(registered.getResponse().getRedirectedUrl()).as(() -> "registration refused: " + refusals(registered))
			.isEqualTo("/register/done");
		notifications.flush();
		String verifyToken = Mailbox.token(Mailbox.awaitMail(email, 1), "/verify");
		secrets.add(verifyToken);
		browse(post("/verify").param("token", verifyToken), ip);
		var id = accounts.findByEmail(EmailAddress.of(email)).orElseThrow().id();

		// A failed login, an unknown address, then a successful one.
		browse(post("/login").param("email", email).param("password", password + " typo"), ip);
		browse(post("/login").param("email", "nobody-" + marker + "@example.org").param("password", password), ip);
		assertThat(browse(post("/login").param("email", email).param("password", password), ip).getResponse()
			.getRedirectedUrl()).isEqualTo("/panel");
		browse(get("/panel/my-data"), ip);

		// Second factor: enrol with the shown secret, keep the recovery codes.
		var enrollment = (MultiFactor.Enrollment) browse(get("/panel/security/totp"), ip).getModelAndView()
			.getModel()
			.get("enrollment");
		secrets.add(enrollment.secret());
		var totp = new Totp();
		var totpSecret = TotpSecret.fromBase32(enrollment.secret()).orElseThrow();
		long step = Totp.stepAt(clock.instant());
		@SuppressWarnings("unchecked")
		var recoveryCodes = (List<String>) browse(post("/panel/security/totp").param("code", totp.code(totpSecret, step)),
				ip).getModelAndView().getModel().get("codes");
		assertThat(recoveryCodes).isNotEmpty();
		secrets.addAll(recoveryCodes);

		// An app password: created, used by an API client, listed, revoked.
		var created = (AppPasswords.Created) browse(post("/panel/security/app-passwords").param("name", "Xerxesvaldo's NAS")
				.param("scopes", "api:write"),
				ip).getModelAndView().getModel().get("created");
		secrets.add(created.secret());
		mvc.perform(get("/api/v1/me").with(httpBasic(email, created.secret())).with(TestAccounts.from(ip)))
			.andReturn();
		mvc.perform(post("/api/v1/me/totp").with(httpBasic(email, created.secret())).header("X-Kluis-Password", "wrong")
			.with(TestAccounts.from(ip))).andReturn();
		mvc.perform(get("/api/v1/me").with(httpBasic(email, created.secret() + "x")).with(TestAccounts.from(ip)))
			.andReturn();
		mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\": \"" + email + "\", \"password\": \"" + password + "\", \"firstName\": {\"x\": 1}}")
			.with(TestAccounts.from(ip))).andReturn();
		browse(post("/panel/security/app-passwords/{id}/revoke", created.id()), ip);

		// Log out and in again with the second factor (a wrong code first).
		browse(post("/logout"), ip);
		session = null;
		assertThat(browse(post("/login").param("email", email).param("password", password), ip).getResponse()
			.getRedirectedUrl()).isEqualTo("/login/second-factor");
		browse(post("/login/second-factor").param("code", "000000"), ip);
		browse(post("/login/second-factor").param("code", totp.code(totpSecret, step + 1)), ip);
		browse(get("/panel/security"), ip);

		// Forgot the password: reset by the mailed link.
		session = null;
		browse(post("/login/forgot").param("email", email), ip);
		notifications.flush();
		String resetToken = Mailbox.token(Mailbox.withLink(Mailbox.awaitMails(email, 3), "/login/reset"), "/login/reset");
		secrets.add(resetToken);
		browse(get("/login/reset").param("token", resetToken), ip);
		assertThat(browse(post("/login/reset").param("token", resetToken).param("password", newPassword)
			.param("confirmation", newPassword), ip).getResponse().getRedirectedUrl()).isEqualTo("/login?reset");

		// Support opens the customer's data for a reason.
		var fixtures = new TestAccounts(registration, accounts, staff, clock);
		var support = fixtures.authentication(fixtures.staff(Set.of(Role.SUPPORT)).id(), true);
		mvc.perform(post("/admin/customers/{id}/open", id.value()).param("reason", "SUPPORT_REQUEST")
			.param("ticket", "T-4711").with(csrf()).with(authentication(support))).andReturn();
		mvc.perform(get("/admin/customers").param("q", email).with(authentication(support))).andReturn();
		notifications.flush();
		Mailbox.awaitMails(email, 4);

		String logs = output.getAll();
		assertThat(logs).as("the flow was logged at all").contains("event=identity.account.registered");
		for (String secret : secrets) {
			assertThat(logs).as("the log output").doesNotContainIgnoringCase(secret);
		}
	}

	/** A request of the browser: its session cookie, CSRF token and address; remembers a new session cookie. */
	/** The form's field errors (field and code only), to say why a registration was refused. */
	private static String refusals(MvcResult result) {
		var model = result.getModelAndView() == null ? null : result.getModelAndView().getModel();
		if (model == null || !(model.get(BindingResult.MODEL_KEY_PREFIX + "form") instanceof BindingResult binding)) {
			return "no form errors";
		}
		return binding.getFieldErrors().stream().map(e -> e.getField() + "=" + e.getCode()).toList().toString();
	}

	private MvcResult browse(MockHttpServletRequestBuilder request, String ip) throws Exception {
		if (session != null) {
			request.cookie(session);
		}
		MvcResult result = mvc.perform(request.with(csrf()).with(TestAccounts.from(ip))).andReturn();
		Cookie cookie = result.getResponse().getCookie("KLUIS_SESSION");
		if (cookie != null) {
			session = cookie.getMaxAge() == 0 ? null : cookie;
		}
		assertThat(result.getResponse().getStatus()).as(result.getRequest().getRequestURI()).isLessThan(400);
		return result;
	}
}
