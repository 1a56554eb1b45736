package io.kluis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.kluis.KluisIntegrationTest;
import io.kluis.WithMailbox;
import io.kluis.identity.account.Account;
import io.kluis.identity.account.Accounts;
import io.kluis.shared.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * ACC-1 with POL-1 and RET-1: a registration records the privacy statement version the visitor was
 * shown at {@code /privacy} (not a configured label), on the web form and over the API alike, and
 * the verification link works as long as the published register keeps an unverified registration.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
class RegistrationPolicyVersionIntegrationTests extends WithMailbox {

	static final Pattern SHOWN_VERSION = Pattern.compile("id=\"last-modified\">[^<]*\\(version ([0-9]+)\\)");

	/** The shipped register's rule {@code unverified-registrations}. */
	static final Period SHIPPED_PERIOD = Period.ofDays(7);

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	@DisplayName("ACC-1, POL-1: the web form and the API record the privacy statement version that /privacy shows")
	void registrationRecordsThePublishedVersion() throws Exception {
		String shown = shownVersion(mvc);

		String web = TestAccounts.uniqueEmail("web-version");
		var form = mvc.perform(post("/register").with(csrf()).with(TestAccounts.from(TestAccounts.uniqueAddress()))
			.param("email", web).param("password", TestAccounts.PASSWORD).param("firstName", "Anna")
			.param("lastName", "de Vries").param("street", "Kerkstraat 1").param("postalCode", "1234 AB")
			.param("city", "Utrecht").param("country", "NL").param("dateOfBirth", "1990-04-02")
			.param("acceptedTerms", "true")).andReturn().getResponse();
		assertThat(form.getRedirectedUrl()).isEqualTo("/register/done");

		String api = TestAccounts.uniqueEmail("api-version");
		var response = mvc.perform(post("/api/v1/accounts").with(TestAccounts.from(TestAccounts.uniqueAddress()))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\":\"" + api + "\",\"password\":\"" + TestAccounts.PASSWORD + "\",\"firstName\":\"Anna\","
					+ "\"lastName\":\"de Vries\",\"street\":\"Kerkstraat 1\",\"postalCode\":\"1234 AB\",\"city\":\"Utrecht\","
					+ "\"country\":\"NL\",\"dateOfBirth\":\"1990-04-02\",\"language\":\"en\"}"))
			.andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(202);

		for (String email : new String[] { web, api }) {
			Account account = accounts.findByEmail(EmailAddress.of(email)).orElseThrow();
			assertThat(account.consent().privacyPolicyVersion()).as(email).isEqualTo(shown);
			assertThat(account.consent().termsVersion()).as("the shipped terms' version").isEqualTo("2026-12");
		}
	}

	@Test
	@DisplayName("RET-1, RET-2: the verification link works exactly as long as the register keeps an unverified "
			+ "registration (7 days in the shipped register), and the page after registering says so")
	void theVerificationLinkFollowsTheShippedRegister() throws Exception {
		String email = TestAccounts.uniqueEmail("link-validity");
		mvc.perform(post("/api/v1/accounts").with(TestAccounts.from(TestAccounts.uniqueAddress()))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\":\"" + email + "\",\"password\":\"" + TestAccounts.PASSWORD + "\",\"firstName\":\"Anna\","
					+ "\"lastName\":\"de Vries\",\"street\":\"Kerkstraat 1\",\"postalCode\":\"1234 AB\",\"city\":\"Utrecht\","
					+ "\"country\":\"NL\",\"dateOfBirth\":\"1990-04-02\"}"));
		Account account = accounts.findByEmail(EmailAddress.of(email)).orElseThrow();
		assertVerificationLinkValidity(jdbc, account, SHIPPED_PERIOD);
		assertThat(mvc.perform(get("/register/done?lang=en")).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).contains("The link works for 7 days.");
	}

	/** The version number in the "last modified" line of the English statement. */
	static String shownVersion(MockMvc mvc) throws Exception {
		String html = mvc.perform(get("/privacy?lang=en")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		Matcher m = SHOWN_VERSION.matcher(html);
		assertThat(m.find()).as("the statement shows its version").isTrue();
		return m.group(1);
	}

	/** The account's verification token expires {@code period} after it was issued, counted as retention counts. */
	static void assertVerificationLinkValidity(JdbcClient jdbc, Account account, Period period) {
		var row = jdbc.sql("select created_at, expires_at from identity_tokens where account_id = ? and purpose = 'VERIFY_EMAIL'")
			.param(account.id().value())
			.query((rs, i) -> new Instant[] { rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant() })
			.single();
		Duration expected = Duration.between(row[0], row[0].atZone(ZoneId.of("Europe/Amsterdam")).plus(period).toInstant());
		assertThat(Duration.between(row[0], row[1])).isBetween(expected.minusSeconds(1), expected.plusSeconds(1));
	}
}
