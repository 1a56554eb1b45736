package io.kluis.audit.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PersonalDataGuardUnitTests {

	@ParameterizedTest
	@ValueSource(strings = { "jan@example.nl", "mail me at Jan.de.Vries+kluis@voorbeeld.co.uk please" })
	void refusesADetailThatLooksLikeAnEmailAddressWithoutRepeatingIt(String value) {
		assertThatIllegalArgumentException().isThrownBy(() -> PersonalDataGuard.check("test.code", Map.of("note", value)))
			.withMessageContaining("email address")
			.withMessageNotContaining(value)
			.withMessageNotContaining("@");
	}

	@ParameterizedTest
	@ValueSource(strings = { "192.168.1.20", "from 10.0.0.1:443", "2001:db8:85a3:0:0:8a2e:370:7334", "2001:db8::1",
			"[fe80::1%eth0]", "::1", "::ffff:192.0.2.128" })
	void refusesADetailThatLooksLikeAnIpAddressWithoutRepeatingIt(String value) {
		assertThatIllegalArgumentException().isThrownBy(() -> PersonalDataGuard.check("test.code", Map.of("source", value)))
			.withMessageContaining("IP address")
			.withMessageNotContaining(value);
	}

	@ParameterizedTest
	@ValueSource(strings = { "bad-password", "3", "2026-11-22T10:15:30.123456Z", "12:30:00", "totp",
			"999.1.1.1", "v1.2.3", "io.kluis.identity.LoginFailed" })
	void acceptsIdsCodesCountsAndTimes(String value) {
		assertThatCode(() -> PersonalDataGuard.check("identity.login.failed",
				Map.of("value", value, "sessionId", UUID.randomUUID().toString()))).doesNotThrowAnyException();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "login", "Identity.Login", "identity login.failed", "identity..failed" })
	void refusesAMalformedCode(String code) {
		assertThatIllegalArgumentException().isThrownBy(() -> PersonalDataGuard.check(code, Map.of()))
			.withMessageContaining("dotted lower-case words");
	}

	@Test
	void refusesACodeCarryingPersonalDataWithoutRepeatingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> PersonalDataGuard.check("jan@example.nl.read", Map.of()))
			.withMessageNotContaining("jan@example.nl");
	}

	@Test
	void refusesAKeyThatIsNotAnIdentifierWithoutRepeatingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PersonalDataGuard.check("test.code", Map.of("jan@example.nl", "x")))
			.withMessageNotContaining("jan@example.nl");
	}

	@Test
	void refusesLongValuesAndControlCharacters() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PersonalDataGuard.check("test.code", Map.of("note", "x".repeat(201))));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PersonalDataGuard.check("test.code", Map.of("note", "line\nbreak")));
	}
}
