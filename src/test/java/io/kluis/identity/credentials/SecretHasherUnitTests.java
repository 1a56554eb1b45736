package io.kluis.identity.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SecretHasherUnitTests {

	static final byte[] PEPPER = "0123456789abcdef0123456789abcdef".getBytes();

	static final SecretHasher hasher = new SecretHasher(PEPPER);

	@Test
	void refusesAShortPepper() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SecretHasher(new byte[16]));
	}

	@Test
	void alphabetHasNoAmbiguousCharacters() {
		assertThat(HumanAlphabet.SYMBOLS).hasSize(32).doesNotContain("0", "O", "o", "1", "l", "I");
		assertThat(HumanAlphabet.SYMBOLS.chars().distinct().count()).isEqualTo(32);
	}

	@Test
	void generatesTenDistinctRecoveryCodesOfAtLeastFiftyBits() {
		List<RecoveryCode> codes = RecoveryCodes.generate();

		assertThat(codes).hasSize(10).doesNotHaveDuplicates();
		assertThat(codes).allSatisfy(code -> assertThat(code.display()).matches("[2-9a-km-np-z]{5}-[2-9a-km-np-z]{5}"));
		assertThat(BigInteger.valueOf(HumanAlphabet.SYMBOLS.length()).pow(RecoveryCode.LENGTH))
			.isGreaterThanOrEqualTo(BigInteger.TWO.pow(50));
	}

	@Test
	void verifiesARecoveryCodeWithOrWithoutDashSpacesOrCase() {
		List<RecoveryCode> codes = RecoveryCodes.generate();
		List<byte[]> stored = codes.stream().map(hasher::hash).toList();
		String shown = codes.get(3).display();

		for (String typed : List.of(shown, shown.replace("-", ""), shown.toUpperCase(), " " + shown.replace("-", " ") + " ")) {
			assertThat(RecoveryCode.parse(typed).map(code -> hasher.indexOfMatch(code, stored)).orElseThrow())
				.as(typed).hasValue(3);
		}
		assertThat(hasher.indexOfMatch(RecoveryCodes.generate().get(0), stored)).isEmpty();
	}

	@Test
	void refusesMalformedRecoveryCodeInput() {
		assertThat(RecoveryCode.parse("")).isEmpty();
		assertThat(RecoveryCode.parse("abcde-fghi")).isEmpty();
		assertThat(RecoveryCode.parse("abcde-fgh10")).as("0 and 1 are not in the alphabet").isEmpty();
		assertThat(RecoveryCode.parse("x".repeat(10_000))).isEmpty();
	}

	@Test
	void appPasswordsKeepAtLeast128SecretBitsBeyondTheLookupId() {
		BigInteger space = BigInteger.valueOf(HumanAlphabet.SYMBOLS.length())
			.pow(AppPasswordSecret.LENGTH - AppPasswordSecret.LOOKUP_ID_LENGTH);

		assertThat(space).isGreaterThanOrEqualTo(BigInteger.TWO.pow(128));
		assertThat(AppPasswordSecret.SECRET_BITS).isGreaterThanOrEqualTo(128);
	}

	@Test
	void verifiesAnAppPasswordHoweverTheClientFormatsIt() {
		var secret = AppPasswordSecret.generate();
		byte[] stored = hasher.hash(secret);

		assertThat(secret.display()).matches("([2-9a-km-np-z]{8}-){3}[2-9a-km-np-z]{8}");
		assertThat(secret.lookupId()).hasSize(6).isEqualTo(secret.display().substring(0, 6));
		for (String typed : List.of(secret.display(), secret.display().replace("-", ""), secret.display().toUpperCase(),
				secret.display().replace("-", " "))) {
			var parsed = AppPasswordSecret.parse(typed).orElseThrow();
			assertThat(hasher.matches(parsed, stored)).as(typed).isTrue();
			assertThat(parsed.lookupId()).isEqualTo(secret.lookupId());
		}
		assertThat(hasher.matches(AppPasswordSecret.generate(), stored)).isFalse();
	}

	@Test
	void oneTimeTokensAreUrlSafe256BitValuesBoundToTheirPurpose() {
		var token = OneTimeToken.generate("password-reset");
		byte[] stored = hasher.hash(token);

		assertThat(token.value()).matches("[A-Za-z0-9_-]{43}");
		assertThat(hasher.matches(OneTimeToken.parse("password-reset", token.value() + "\n").orElseThrow(), stored))
			.isTrue();
		assertThat(hasher.matches(OneTimeToken.parse("email-verification", token.value()).orElseThrow(), stored))
			.as("same value, other purpose").isFalse();
		assertThat(OneTimeToken.parse("password-reset", token.value().substring(1))).isEmpty();
		assertThat(OneTimeToken.parse("password-reset", token.value().replace(token.value().charAt(0), '='))).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> OneTimeToken.generate("Password Reset"));
	}

	@Test
	void secretsOfDifferentKindsNeverShareAHash() {
		var code = RecoveryCode.parse("abcde-fghij").orElseThrow();
		HighEntropySecret sameTextOtherPurpose = new HighEntropySecret() {
			public String purpose() {
				return "app-password";
			}

			public String canonical() {
				return code.canonical();
			}
		};

		assertThat(hasher.hash(code)).isNotEqualTo(hasher.hash(sameTextOtherPurpose));
	}

	@Test
	void dependsOnThePepper() {
		var code = RecoveryCodes.generate().get(0);
		byte[] otherPepper = Arrays.copyOf(PEPPER, 32);
		otherPepper[0] ^= 1;

		assertThat(hasher.hash(code)).hasSize(32).isEqualTo(hasher.hash(code));
		assertThat(new SecretHasher(otherPepper).matches(code, hasher.hash(code))).isFalse();
	}

	@Test
	void neverPrintsASecret() {
		var code = RecoveryCodes.generate().get(0);
		var app = AppPasswordSecret.generate();
		var token = OneTimeToken.generate("setup");

		assertThat(code.toString()).isEqualTo("RecoveryCode[***]");
		assertThat(app.toString()).isEqualTo("AppPasswordSecret[" + app.lookupId() + "***]")
			.doesNotContain(app.canonical().substring(AppPasswordSecret.LOOKUP_ID_LENGTH));
		assertThat(token.toString()).doesNotContain(token.value());
	}

	@Test
	void generatesNoRepeats() {
		Set<String> seen = new HashSet<>();
		IntStream.range(0, 1000).forEach(i -> seen.add(AppPasswordSecret.generate().canonical()));

		assertThat(seen).hasSize(1000);
	}
}
