package io.kluis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.kluis.KluisIntegrationTest;
import io.kluis.Mailbox;
import io.kluis.WithMailbox;
import io.kluis.identity.account.Account;
import io.kluis.identity.account.Accounts;
import io.kluis.identity.account.CustomerRegistration;
import io.kluis.notifications.Notifications;
import io.kluis.privacy.RetentionPeriods;
import io.kluis.shared.EmailAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * RET-1, RET-2: how long a verification link works is not a setting of its own but the register's
 * period for unverified registrations. A provider whose register keeps them 3 days gets 3-day links,
 * and the mail and the page after registering say 3 days. The register here is the shipped one with
 * only that period changed, so it stays valid whatever else the shipped register gains.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
class VerificationPeriodIntegrationTests extends WithMailbox {

	static final Period PERIOD = Period.ofDays(3);

	static final Path REGISTER = registerKeepingUnverifiedFor(PERIOD);

	@DynamicPropertySource
	static void register(DynamicPropertyRegistry registry) {
		registry.add("kluis.privacy.register-location", () -> "file:" + REGISTER);
	}

	@Autowired
	CustomerRegistration registration;

	@Autowired
	RetentionPeriods retention;

	@Autowired
	Accounts accounts;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Test
	@DisplayName("RET-1, RET-2, ACC-1: a register that keeps unverified registrations 3 days makes the verification link "
			+ "work 3 days, and the mail and the page say so")
	void theLinkWorksAsLongAsTheRegisterKeepsTheRegistration() throws Exception {
		assertThat(registration.verificationPeriod()).isEqualTo(retention.of("unverified-registration"));
		assertThat(registration.verificationDays()).isEqualTo(3);

		String email = TestAccounts.uniqueEmail("three-days");
		registration.register(TestAccounts.request(email, TestAccounts.PASSWORD), TestAccounts.uniqueAddress(), Locale.ENGLISH);
		Account account = accounts.findByEmail(EmailAddress.of(email)).orElseThrow();
		RegistrationPolicyVersionIntegrationTests.assertVerificationLinkValidity(jdbc, account, PERIOD);

		notifications.flush();
		assertThat(Mailbox.body(Mailbox.awaitMail(email, 1))).contains("The link works for 3 days.");
		assertThat(mvc.perform(get("/register/done?lang=en")).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).contains("The link works for 3 days.");
	}

	/** The shipped register with the period of the {@code unverified-registration} rule replaced. */
	static Path registerKeepingUnverifiedFor(Period period) {
		try (InputStream in = VerificationPeriodIntegrationTests.class.getResourceAsStream("/privacy/register.yml")) {
			String shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			Matcher rule = Pattern.compile("(category: unverified-registration\\s+trigger: \\w+\\s+period: )P\\w+")
				.matcher(shipped);
			assertThat(rule.find()).as("the shipped register's rule for unverified registrations").isTrue();
			Path file = Files.createTempFile("kluis-register-", ".yml");
			file.toFile().deleteOnExit();
			Files.writeString(file, rule.replaceFirst("$1" + period));
			return file;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
