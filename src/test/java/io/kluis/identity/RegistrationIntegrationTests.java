package io.kluis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kluis.KluisIntegrationTest;
import io.kluis.Mailbox;
import io.kluis.identity.account.AccountStatus;
import io.kluis.identity.account.Accounts;
import io.kluis.identity.account.CustomerRegistration;
import io.kluis.identity.account.RegistrationRefused;
import io.kluis.identity.account.RegistrationRequest;
import io.kluis.shared.CustomerNumber;
import io.kluis.shared.EmailAddress;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@KluisIntegrationTest
class RegistrationIntegrationTests {

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		Mailbox.register(registry);
	}

	@Autowired
	CustomerRegistration registration;

	@Autowired
	Accounts accounts;

	static String uniqueEmail() {
		return "reg-" + UUID.randomUUID() + "@example.org";
	}

	static RegistrationRequest request(String email, LocalDate dateOfBirth) {
		return new RegistrationRequest(email, "glacier tulip harbour violin", "Anna", "de Vries", "Kerkstraat 1",
				"1234 AB", "Utrecht", "NL", dateOfBirth, null, null, true);
	}

	@Test
	@DisplayName("ACC-1, ACC-5: a visitor registers, verifies by the mailed link and gets a unique customer number")
	void registrationVerificationAndCustomerNumber() {
		String email = uniqueEmail();
		registration.register(request(email, LocalDate.of(1990, 4, 2)), "192.0.2.10", Locale.ENGLISH);

		var account = accounts.findByEmail(EmailAddress.of(email)).orElseThrow();
		assertThat(account.status()).isEqualTo(AccountStatus.UNVERIFIED);
		assertThat(CustomerNumber.isWellFormed(account.customerNumber().value())).isTrue();
		assertThat(account.consent().termsVersion()).isNotBlank();
		assertThat(account.registrationIp()).isEqualTo("192.0.2.10");

		var mail = Mailbox.awaitMail(email, 1);
		assertThat(registration.verify(Mailbox.token(mail, "/verify"))).isTrue();
		assertThat(accounts.findById(account.id()).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
		assertThat(registration.verify(Mailbox.token(mail, "/verify"))).as("a link works once").isFalse();
	}

	@Test
	@DisplayName("ACC-4: registration refuses anyone under 18")
	void underEighteensAreRefused() {
		String email = uniqueEmail();
		LocalDate seventeen = LocalDate.now().minusYears(17);
		assertThatThrownBy(() -> registration.register(request(email, seventeen), "192.0.2.10", Locale.ENGLISH))
			.isInstanceOfSatisfying(RegistrationRefused.class, e -> assertThat(e.violations())
				.anySatisfy(v -> assertThat(v.code()).isEqualTo("dateOfBirth.under-age")));
		assertThat(accounts.existsByEmail(EmailAddress.of(email))).isFalse();
	}
}
