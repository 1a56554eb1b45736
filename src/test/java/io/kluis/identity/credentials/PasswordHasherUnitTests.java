package io.kluis.identity.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PasswordHasherUnitTests {

	static final PasswordHasher hasher = new PasswordHasher();

	static final String PASSWORD = "tulip lantern gravel mosaic";

	@Test
	@DisplayName("SEC-2: passwords are stored as Argon2id with at least OWASP parameters")
	void storesArgon2idInPhcFormatWithOwaspParameters() {
		String encoded = hasher.hash(PASSWORD);

		assertThat(encoded).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
		String[] parts = encoded.split("\\$");
		assertThat(Base64.getDecoder().decode(parts[4])).hasSize(16);
		assertThat(Base64.getDecoder().decode(parts[5])).hasSize(32);
	}

	@Test
	@DisplayName("SEC-2: the stored hash never contains the password")
	void hashNeverContainsThePassword() {
		String encoded = hasher.hash(PASSWORD);

		assertThat(encoded).doesNotContain(PASSWORD).doesNotContain("tulip")
			.doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(PASSWORD.getBytes()));
		assertThat(hasher.hash(PASSWORD)).as("fresh salt each time").isNotEqualTo(encoded);
	}

	@Test
	@DisplayName("SEC-2: parameters weaker than the OWASP minimum are refused")
	void refusesParametersWeakerThanOwasp() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PasswordHasher(new Argon2Parameters(16384, 2, 1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new PasswordHasher(new Argon2Parameters(19456, 1, 1)));
		assertThat(new PasswordHasher(new Argon2Parameters(47104, 2, 1)).parameters().memoryKiB()).isEqualTo(47104);
	}

	@Test
	void matchesTheRightPasswordOnly() {
		String encoded = hasher.hash(PASSWORD);

		assertThat(hasher.matches(PASSWORD, encoded)).isTrue();
		assertThat(hasher.matches("tulip lantern gravel mosaiC", encoded)).isFalse();
		assertThat(hasher.matches("", encoded)).isFalse();
	}

	@Test
	void verifiesWithTheParametersStoredInTheHash() {
		String older = new PasswordHasher(new Argon2Parameters(19456, 3, 1)).hash(PASSWORD);

		assertThat(hasher.matches(PASSWORD, older)).isTrue();
	}

	@Test
	void treatsMalformedStoredHashesAsNoMatch() {
		String good = hasher.hash(PASSWORD);
		for (String malformed : new String[] { "", "plain", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
				good.replace("v=19", "v=16"), good.replace("m=19456", "m=abc"), good.substring(0, good.length() - 10) + "!!!",
				"$argon2id$v=19$m=99999999,t=2,p=1$" + good.split("\\$")[4] + "$" + good.split("\\$")[5],
				"$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy", good + "$extra" }) {
			assertThat(hasher.matches(PASSWORD, malformed)).as(malformed).isFalse();
			assertThat(hasher.needsRehash(malformed)).as(malformed).isTrue();
		}
	}

	@Test
	@DisplayName("SEC-2: hashes made with weaker parameters are upgraded on the next login")
	void needsRehashWhenTheConfiguredParametersWereRaised() {
		String current = hasher.hash(PASSWORD);
		var stronger = new PasswordHasher(new Argon2Parameters(24576, 2, 1));

		assertThat(hasher.needsRehash(current)).isFalse();
		assertThat(stronger.needsRehash(current)).isTrue();
		assertThat(new PasswordHasher(new Argon2Parameters(19456, 3, 1)).needsRehash(current)).isTrue();
		assertThat(hasher.needsRehash(stronger.hash(PASSWORD))).isFalse();
	}

	@Test
	void normalisesUnicodeWithNfkcSoEquivalentSpellingsMatch() {
		String encoded = hasher.hash("\uFB01sh and chips forever");

		assertThat(hasher.matches("fish and chips forever", encoded)).isTrue();
		// Composed é (U+00E9) and e + combining acute (U+0301) are the same password.
		assertThat(hasher.matches("cafe\u0301 au lait tous les jours", hasher.hash("caf\u00e9 au lait tous les jours")))
			.isTrue();
	}

	@Test
	void dummyHashNeverMatchesButCostsAFullVerification() {
		assertThat(hasher.dummyHash()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(hasher.needsRehash(hasher.dummyHash())).isFalse();
		assertThat(hasher.matchesDummy(PASSWORD)).isFalse();
		assertThat(hasher.matches("", hasher.dummyHash())).isFalse();
	}

	@Test
	void refusesToHashAnEmptyOrAbsurdlyLongPasswordWithoutEchoingIt() {
		String huge = "x".repeat(PasswordHasher.MAX_INPUT_CHARS + 1);

		assertThatIllegalArgumentException().isThrownBy(() -> hasher.hash(""));
		assertThatIllegalArgumentException().isThrownBy(() -> hasher.hash(huge)).withMessageNotContaining("xxx");
		assertThat(hasher.matches(huge, hasher.dummyHash())).isFalse();
	}

	@Test
	void isReadableFromManyThreads() throws Exception {
		String encoded = hasher.hash(PASSWORD);
		var results = java.util.concurrent.Executors.newFixedThreadPool(4);
		try {
			var futures = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
			for (int i = 0; i < 8; i++) {
				futures.add(results.submit(() -> hasher.matches(PASSWORD, encoded)));
			}
			for (var future : futures) {
				assertThat(future.get()).isTrue();
			}
		}
		finally {
			results.shutdown();
		}
	}
}
