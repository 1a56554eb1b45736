package io.kluis.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.crypto.BlindIndex;
import io.kluis.crypto.Sealed;
import io.kluis.identity.account.Account;
import io.kluis.identity.account.AccountKind;
import io.kluis.identity.account.AccountStatus;
import io.kluis.identity.account.AppPasswords;
import io.kluis.identity.account.MultiFactor;
import io.kluis.identity.account.OneTimeTokens;
import io.kluis.identity.account.PersonalData;
import io.kluis.identity.account.PersonalDataManagement;
import io.kluis.identity.account.RegistrationRefused;
import io.kluis.identity.account.RegistrationRequest;
import io.kluis.identity.account.StaffAdministration;
import io.kluis.identity.credentials.AppPasswordSecret;
import io.kluis.identity.credentials.OneTimeToken;
import io.kluis.identity.credentials.RecoveryCodes;
import io.kluis.identity.credentials.TotpSecret;
import io.kluis.identity.security.PasswordLogin;
import io.kluis.shared.AccountId;
import io.kluis.shared.CustomerNumber;
import io.kluis.shared.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Privacy invariant: objects that carry personal data or secrets print none of it, so a log
 * statement, an exception message or a debugger's view cannot leak it by accident.
 */
class NoPersonalDataInToStringUnitTests {

	static final String EMAIL = "Zyxwvutsrq.Qoppakappa@example.org";

	static final String PASSWORD = "glacier tulip harbour violin";

	static final PersonalData PERSONAL = new PersonalData("Zyxwvutsrq", "Qoppakappa", "Vlinderslagstraat 8765",
			"9753 XQ", "Jubbega-Schurega", "NL", LocalDate.of(1958, 3, 17), "+31 6 13572468", "Quuxbar Hosting B.V.");

	static final String IP = "203.0.113.187";

	static final List<String> PERSONAL_VALUES = List.of("Zyxwvutsrq", "Qoppakappa", "Vlinderslagstraat", "9753 XQ",
			"Jubbega", "1958-03-17", "13572468", "Quuxbar", "example.org", PASSWORD, IP);

	@Test
	void accountsAndTheirPartsPrintNoPersonalValues() {
		var id = AccountId.random();
		var account = Account.registerCustomer(id, CustomerNumber.fromDigits("12345678"), EmailAddress.of(EMAIL),
				PERSONAL, IP, Locale.ENGLISH, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", new Account.Consent("2026-11",
						"2026-11", Instant.now()), Instant.now());
		var summary = new StaffAdministration.Summary(id, account.customerNumber(), AccountKind.CUSTOMER,
				AccountStatus.ACTIVE, Instant.now(), false, false);

		assertPrintsNothingPersonal(account);
		assertThat(account.toString()).doesNotContain("argon2id");
		assertPrintsNothingPersonal(PERSONAL);
		assertPrintsNothingPersonal(EmailAddress.of(EMAIL));
		assertPrintsNothingPersonal(new RegistrationRequest(EMAIL, PASSWORD, "Zyxwvutsrq", "Qoppakappa",
				"Vlinderslagstraat 8765", "9753 XQ", "Jubbega-Schurega", "NL", LocalDate.of(1958, 3, 17), "+31 6 13572468",
				"Quuxbar Hosting B.V.", true));
		assertPrintsNothingPersonal(new PersonalDataManagement.PersonalDataChange("Zyxwvutsrq", "Qoppakappa",
				"Vlinderslagstraat 8765", "9753 XQ", "Jubbega-Schurega", "NL", LocalDate.of(1958, 3, 17), "+31 6 13572468",
				"Quuxbar Hosting B.V.", Locale.ENGLISH));
		assertPrintsNothingPersonal(new StaffAdministration.Opened(summary, EmailAddress.of(EMAIL), PERSONAL,
				Set.of(Role.CUSTOMER)));
		assertPrintsNothingPersonal(new CurrentAccount(id, Set.of(Role.CUSTOMER), false));
		assertPrintsNothingPersonal(new PasswordLogin.Outcome.Authenticated(account));
		assertPrintsNothingPersonal(new PasswordLogin.Outcome.SecondFactorRequired(account));
		assertPrintsNothingPersonal(new OneTimeTokens.Redeemed(UUID.randomUUID(), id, EMAIL));
	}

	@Test
	void refusalsNameFieldsAndRulesNotValues() {
		var refused = new RegistrationRefused(List.of(new RegistrationRefused.Violation("email", "email.invalid", Map.of()),
				new RegistrationRefused.Violation("password", "password.contains-personal-info", Map.of())));
		assertPrintsNothingPersonal(refused);
		assertThat(refused.getMessage()).contains("email=email.invalid");
		try {
			EmailAddress.of("Zyxwvutsrq at example.org");
		}
		catch (IllegalArgumentException e) {
			assertThat(e.getMessage()).doesNotContain("Zyxwvutsrq");
		}
	}

	@Test
	void sealedValuesAndIndexesPrintNoBytes() {
		byte[] bytes = ("\u0001twelve bytes" + EMAIL).getBytes(StandardCharsets.UTF_8);
		assertPrintsNothingPersonal(Sealed.fromBytes(bytes));
		assertPrintsNothingPersonal(BlindIndex.fromBytes(bytes));
		assertThat(BlindIndex.fromBytes(bytes).toString()).doesNotContain(BlindIndex.fromBytes(bytes).hex());
	}

	@Test
	void secretsAndTheirCarriersPrintNoSecret() {
		var appPassword = AppPasswordSecret.generate();
		var created = new AppPasswords.Created(UUID.randomUUID(), "Zyxwvutsrq's laptop", java.util.Set.of(), appPassword.display());
		assertThat(created.toString()).doesNotContain(appPassword.display(), appPassword.canonical(), "Zyxwvutsrq");
		assertThat(appPassword.toString()).doesNotContain(appPassword.canonical());

		var totp = TotpSecret.generate();
		var enrollment = new MultiFactor.Enrollment(totp.base32(), "otpauth://totp/Kluis:" + EMAIL + "?secret=" + totp.base32(),
				"<svg/>");
		assertThat(enrollment.toString()).doesNotContain(totp.base32(), "example.org", "otpauth");
		assertThat(totp.toString()).doesNotContain(totp.base32());

		var token = OneTimeToken.generate("reset-password");
		assertThat(token.toString()).doesNotContain(token.value());
		RecoveryCodes.generate().forEach(code -> assertThat(code.toString()).doesNotContain(code.display()));
	}

	static void assertPrintsNothingPersonal(Object object) {
		String printed = String.valueOf(object);
		for (String value : PERSONAL_VALUES) {
			assertThat(printed).as(object.getClass().getName() + ".toString()").doesNotContainIgnoringCase(value);
		}
	}
}
