package io.kluis.identity.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Privacy invariant for the API's request and response bodies: what they print (in a log line, an
 * exception, a debugger) holds no personal data and no secret.
 */
class ApiRecordsToStringUnitTests {

	static final String EMAIL = "zyxwvutsrq@example.org";

	static final String SECRET = "glacier tulip harbour violin";

	static final String TOKEN = "UgpuwzmCwUmj4ZYC04XqncRYj3GEpfIhh2OguV-SCio";

	@Test
	void requestBodiesPrintNoPersonalDataOrSecrets() {
		assertThat(new AccountsApi.Registration(EMAIL, SECRET, "Zyxwvutsrq", "Qoppakappa", "Vlinderslagstraat 8765",
				"9753 XQ", "Jubbega", "NL", LocalDate.of(1958, 3, 17), "+31 6 13572468", "Quuxbar", "en").toString())
			.doesNotContain(EMAIL, SECRET, "Zyxwvutsrq", "Qoppakappa", "Vlinderslagstraat", "9753 XQ", "1958", "13572468");
		assertThat(new AccountsApi.ResetRequest(EMAIL).toString()).doesNotContain(EMAIL);
		assertThat(new AccountsApi.ResetCompletion(TOKEN, SECRET).toString()).doesNotContain(TOKEN, SECRET);
		assertThat(new AccountsApi.Token(TOKEN).toString()).doesNotContain(TOKEN);
		assertThat(new MeApi.Patch(EMAIL, "Zyxwvutsrq", null, "Vlinderslagstraat 8765", null, null, null, null,
				"+31 6 13572468", null, null).toString()).doesNotContain(EMAIL, "Zyxwvutsrq", "Vlinderslagstraat", "13572468");
		assertThat(new MeApi.Code("123456").toString()).doesNotContain("123456");
	}

	@Test
	void responseBodiesPrintNoPersonalDataOrSecrets() {
		assertThat(new MeApi.Me(UUID.randomUUID().toString(), "K-12345678", EMAIL, "ACTIVE", "en", "Zyxwvutsrq",
				"Qoppakappa", "Vlinderslagstraat 8765", "9753 XQ", "Jubbega", "NL", LocalDate.of(1958, 3, 17),
				"+31 6 13572468", "Quuxbar", false, Instant.now(), "2026-11", "2026-11").toString())
			.doesNotContain(EMAIL, "Zyxwvutsrq", "Qoppakappa", "Vlinderslagstraat", "9753 XQ", "1958", "13572468");
		assertThat(new MeApi.TotpEnrollment("JBSWY3DPEHPK3PXP", "otpauth://totp/Kluis:" + EMAIL).toString())
			.doesNotContain("JBSWY3DPEHPK3PXP", EMAIL);
		assertThat(new MeApi.RecoveryCodes(List.of("abcd-efgh-jk")).toString()).doesNotContain("abcd-efgh-jk");
		assertThat(new AppPasswordsApi.CreatedAppPassword(UUID.randomUUID(), "laptop", java.util.List.of("files"), SECRET).toString())
			.doesNotContain(SECRET);
	}
}
