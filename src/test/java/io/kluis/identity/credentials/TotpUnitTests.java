package io.kluis.identity.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpUnitTests {

	/** The RFC 6238 Appendix B key for HMAC-SHA1: ASCII "12345678901234567890". */
	static final TotpSecret RFC_SECRET = TotpSecret.fromBytes("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

	static final Totp totp = new Totp();

	static final Instant NOW = Instant.parse("2026-03-01T12:00:10Z");

	@ParameterizedTest(name = "T={0}s -> {1}")
	@CsvSource({ "59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
			"2000000000, 69279037", "20000000000, 65353130" })
	void producesEveryRfc6238Sha1TestVector(long epochSeconds, String expected) {
		var eightDigits = new Totp(8);
		long step = Totp.stepAt(Instant.ofEpochSecond(epochSeconds));

		assertThat(eightDigits.code(RFC_SECRET, step)).isEqualTo(expected);
		assertThat(eightDigits.verify(RFC_SECRET, expected, Instant.ofEpochSecond(epochSeconds), Totp.NO_STEP_USED))
			.hasValue(step);
	}

	@Test
	void producesSixDigitCodesInProduction() {
		// RFC 4226 Appendix D, counter 1: the 6-digit truncation of the same key.
		assertThat(totp.code(RFC_SECRET, 1)).isEqualTo("287082");
		assertThat(totp.code(RFC_SECRET, 0)).isEqualTo("755224");
	}

	@Test
	void acceptsOneStepOfClockDriftEitherWay() {
		long step = Totp.stepAt(NOW);

		assertThat(totp.verify(RFC_SECRET, totp.code(RFC_SECRET, step - 1), NOW, Totp.NO_STEP_USED)).hasValue(step - 1);
		assertThat(totp.verify(RFC_SECRET, totp.code(RFC_SECRET, step), NOW, Totp.NO_STEP_USED)).hasValue(step);
		assertThat(totp.verify(RFC_SECRET, totp.code(RFC_SECRET, step + 1), NOW, Totp.NO_STEP_USED)).hasValue(step + 1);
		assertThat(totp.verify(RFC_SECRET, totp.code(RFC_SECRET, step - 2), NOW, Totp.NO_STEP_USED)).isEmpty();
		assertThat(totp.verify(RFC_SECRET, totp.code(RFC_SECRET, step + 2), NOW, Totp.NO_STEP_USED)).isEmpty();
	}

	@Test
	void refusesAReplayedCodeOnceItsStepWasStored() {
		long step = Totp.stepAt(NOW);
		String code = totp.code(RFC_SECRET, step);

		OptionalLong first = totp.verify(RFC_SECRET, code, NOW, Totp.NO_STEP_USED);
		assertThat(first).hasValue(step);
		assertThat(totp.verify(RFC_SECRET, code, NOW.plusSeconds(5), first.getAsLong())).isEmpty();
		assertThat(totp.verify(RFC_SECRET, totp.code(RFC_SECRET, step - 1), NOW, first.getAsLong()))
			.as("an older code is refused once a newer one was used").isEmpty();
		assertThat(totp.verify(RFC_SECRET, totp.code(RFC_SECRET, step + 1), NOW.plusSeconds(30), first.getAsLong()))
			.hasValue(step + 1);
	}

	@Test
	void refusesAWrongCode() {
		String code = totp.code(RFC_SECRET, Totp.stepAt(NOW));
		String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);

		assertThat(totp.verify(RFC_SECRET, wrong, NOW, Totp.NO_STEP_USED)).isEmpty();
		assertThat(totp.verify(TotpSecret.generate(), code, NOW, Totp.NO_STEP_USED)).isEmpty();
	}

	@Test
	void toleratesSpacesInTheInput() {
		String code = totp.code(RFC_SECRET, Totp.stepAt(NOW));

		assertThat(totp.verify(RFC_SECRET, code.substring(0, 3) + " " + code.substring(3), NOW, Totp.NO_STEP_USED))
			.isPresent();
		assertThat(totp.verify(RFC_SECRET, " " + code + "\n", NOW, Totp.NO_STEP_USED)).isPresent();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "12345", "1234567", "12a456", "١٢٣٤٥٦", "12-456", "+12345" })
	void rejectsAnythingButExactlySixAsciiDigits(String input) {
		assertThat(totp.verify(RFC_SECRET, input, NOW, Totp.NO_STEP_USED)).isEmpty();
	}

	@Test
	void buildsAnEncodedProvisioningUri() {
		var secret = TotpSecret.fromBase32("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").orElseThrow();

		assertThat(totp.provisioningUri(secret, "Kluis Hosting", "jan+nl@example.nl"))
			.isEqualTo("otpauth://totp/Kluis%20Hosting:jan%2Bnl%40example.nl?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
					+ "&issuer=Kluis%20Hosting&algorithm=SHA1&digits=6&period=30");
		assertThatIllegalArgumentException().isThrownBy(() -> totp.provisioningUri(secret, "Evil:Issuer", "x"))
			.withMessageNotContaining("Evil");
	}

	@Test
	void generatesA160BitSecretAndMasksIt() {
		var secret = TotpSecret.generate();

		assertThat(secret.bytes()).hasSize(20);
		assertThat(secret.base32()).hasSize(32).matches("[A-Z2-7]+");
		assertThat(TotpSecret.fromBase32(secret.base32().toLowerCase())).contains(secret);
		assertThat(TotpSecret.fromBase32("not base32!")).isEmpty();
		assertThat(secret.toString()).doesNotContain(secret.base32()).isEqualTo("TotpSecret[***]");
		assertThat(TotpSecret.generate()).isNotEqualTo(secret);
	}
}
