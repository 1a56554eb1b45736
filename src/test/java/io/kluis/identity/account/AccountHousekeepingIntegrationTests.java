package io.kluis.identity.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisIntegrationTest;
import io.kluis.crypto.PersonalDataCipher;
import io.kluis.shared.EmailAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

@KluisIntegrationTest
class AccountHousekeepingIntegrationTests {

	@Autowired
	CustomerRegistration registration;

	@Autowired
	Accounts accounts;

	@Autowired
	OneTimeTokens tokens;

	@Autowired
	PersonalDataCipher cipher;

	@Autowired
	IdentityProperties properties;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	org.springframework.session.jdbc.JdbcIndexedSessionRepository sessions;

	String register() {
		String email = "hk-" + UUID.randomUUID() + "@example.org";
		registration.register(new RegistrationRequest(email, "glacier tulip harbour violin", "Bram", "Jansen",
				"Dorpsstraat 2", "9999 ZZ", "Zwolle", "NL", LocalDate.of(1980, 1, 1), null, null, true), "198.51.100.7",
				Locale.ENGLISH);
		return email;
	}

	AccountHousekeeping housekeepingAt(Duration later) {
		return new AccountHousekeeping(sessions, accounts, tokens, cipher, properties, events, transactions,
				Clock.offset(Clock.systemUTC(), later));
	}

	@Test
	void unverifiedRegistrationsAreKeptDuringTheVerificationPeriod() {
		var account = accounts.findByEmail(EmailAddress.of(register())).orElseThrow();

		housekeepingAt(properties.verificationPeriod().minusHours(1)).deleteExpiredRegistrations();

		assertThat(accounts.findById(account.id())).isPresent();
	}

	@Test
	void unverifiedRegistrationsAreDeletedAndShreddedAfterTheVerificationPeriod() {
		var unverified = accounts.findByEmail(EmailAddress.of(register())).orElseThrow();
		var verified = accounts.findByEmail(EmailAddress.of(register())).orElseThrow();
		verified.markVerified(verified.createdAt());
		accounts.update(verified);

		int deleted = housekeepingAt(properties.verificationPeriod().plusHours(1)).deleteExpiredRegistrations();

		assertThat(deleted).isPositive();
		assertThat(accounts.findById(unverified.id())).isEmpty();
		assertThat(cipher.isDestroyed(unverified.id())).as("data key destroyed: no copy stays readable").isTrue();
		assertThat(accounts.findById(verified.id())).as("verified accounts stay").isPresent();
	}
}
