package io.kluis.identity.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyUnitTests {

	static final PasswordPolicy policy = new PasswordPolicy();

	static final PasswordContext singleFactor = PasswordContext.of(false);

	static final PasswordContext withMfa = PasswordContext.of(true);

	static final PasswordContext janDeVries = PasswordContext.forAccount(false, "jan.devries@example.nl", "Jan",
			"de Vries");

	@Test
	void listsEveryRuleOnceWithAStableId() {
		assertThat(policy.rules()).extracting(PasswordRule::id)
			.containsExactly("password.too-short", "password.too-long", "password.repetitive",
					"password.contains-personal-info", "password.blocklisted", "password.breached");
	}

	@Test
	void requiresFifteenCharactersWithoutASecondFactor() {
		PasswordCheck check = policy.check("tulip lantern", singleFactor);

		assertThat(check.violations()).containsExactly(PasswordViolation.of("password.too-short", 15));
		assertThat(policy.check("violin marsh ox", singleFactor).acceptable()).isTrue();
	}

	@Test
	void requiresOnlyEightCharactersWithASecondFactor() {
		assertThat(policy.check("k7#pQ2xz", withMfa).acceptable()).isTrue();
		assertThat(policy.check("k7#pQ2x", withMfa).violations())
			.containsExactly(PasswordViolation.of("password.too-short", 8));
		assertThat(policy.check("k7#pQ2xz", singleFactor).violates("password.too-short")).isTrue();
	}

	@Test
	void countsCodePointsNotUtf16CharsSoEmojiCountOnce() {
		String eightEmoji = "🙂🐢🌵🎻🚲🧀🌧🦉";

		assertThat(eightEmoji.length()).isEqualTo(16);
		assertThat(policy.check(eightEmoji, singleFactor).violations())
			.containsExactly(PasswordViolation.of("password.too-short", 15));
		assertThat(policy.check(eightEmoji, withMfa).acceptable()).isTrue();
	}

	@Test
	void acceptsLongPasswordsUpTo256CodePoints() {
		assertThat(policy.check(randomText(128), singleFactor).acceptable()).isTrue();
		assertThat(policy.check(randomText(256), singleFactor).acceptable()).isTrue();
		assertThat(policy.check(randomText(257), singleFactor).violations())
			.containsExactly(PasswordViolation.of("password.too-long", 256));
		assertThat(policy.check("x".repeat(100_000), singleFactor).violations())
			.containsExactly(PasswordViolation.of("password.too-long", 256));
	}

	@ParameterizedTest
	@ValueSource(strings = { "🙂🙂 ein Käse aus Gouda", "Ĳsbeer in de sneeuwstorm", "  leading and trailing spaces  ",
			"пароль из четырёх слов", "密码是一只紫色的长颈鹿在跳舞吗" })
	void acceptsAnyUnicodeIncludingEmojiAndSpaces(String password) {
		assertThat(policy.check(password, singleFactor).violations()).isEmpty();
	}

	@Test
	void imposesNoCompositionRulesOnALowerCasePassphrase() {
		assertThat(policy.check("violin marsh ox", singleFactor).acceptable()).isTrue();
		assertThat(policy.check("tulip lantern gravel mosaic", singleFactor).acceptable()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "passwordpassword", "123456789012345", "qwertyuiopasdfgh", "Password123456789",
			"iloveyouiloveyou", "letmein123456789", "1qaz2wsx3edc4rfv", "correct horse battery staple",
			"Password1234567!", "zxcvbnmasdfghjkl", "P@ssw0rdP@ssw0rd" })
	void refusesCommonPasswordsFromTheOfflineBlocklist(String password) {
		assertThat(policy.check(password, singleFactor).violates("password.blocklisted")).as(password).isTrue();
	}

	@Test
	void refusesExactListEntriesRegardlessOfCase() {
		// Entropy threshold 0 leaves only the exact-match part of the rule.
		var exactOnly = new BlocklistRule(0);

		assertThat(exactOnly.check(PasswordCandidate.of("MAILCREATED5240", singleFactor))).isPresent();
		assertThat(exactOnly.check(PasswordCandidate.of("Elephant", withMfa))).isPresent();
		assertThat(exactOnly.check(PasswordCandidate.of("violin marsh ox", singleFactor))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "aaaaaaaaaaaaaaaa", "123456789012345", "987654321098765", "abcdefghijklmnop",
			"abcabcabcabcabcabc", "ababababababababa", "aaaaaaaaaaaaaab" })
	void refusesRepetitiveAndSequentialPasswords(String password) {
		assertThat(policy.check(password, singleFactor).violates("password.repetitive")).as(password).isTrue();
	}

	@Test
	void refusesAPasswordContainingTheUsersLastName() {
		assertThat(policy.check("devries gravel mosaic", janDeVries).violations())
			.containsExactly(PasswordViolation.of("password.contains-personal-info"));
		assertThat(policy.check("gravel DE VRIES mosaic", janDeVries).violates("password.contains-personal-info"))
			.isTrue();
	}

	@Test
	void refusesAPasswordContainingTheEmailLocalPartOrFirstName() {
		assertThat(policy.check("mosaic jan.devries tulip", janDeVries).violates("password.contains-personal-info"))
			.isTrue();
		assertThat(policy.check("tulip lantern JAN gravel", janDeVries).violates("password.contains-personal-info"))
			.isTrue();
	}

	@Test
	void ignoresPersonalWordsShorterThanThreeCharacters() {
		var shortName = PasswordContext.forAccount(false, "al@example.nl", "Al", "Wu");

		assertThat(policy.check("always tulip lantern", shortName).acceptable()).isTrue();
	}

	@Test
	void asksTheBreachCorpusOnlyForOtherwiseAcceptablePasswords() {
		List<String> asked = new ArrayList<>();
		var breached = new PasswordPolicy(password -> {
			asked.add(password.toString());
			return PwnedPasswords.Status.BREACHED;
		});

		assertThat(breached.check("violin marsh ox", singleFactor).violations())
			.containsExactly(PasswordViolation.of("password.breached"));
		assertThat(breached.check("short", singleFactor).violates("password.breached")).isFalse();
		assertThat(breached.check("passwordpassword", singleFactor).violates("password.breached")).isFalse();
		assertThat(asked).containsExactly("violin marsh ox");
	}

	@Test
	void acceptsWhenTheBreachLookupIsUnavailable() {
		var offline = new PasswordPolicy(password -> PwnedPasswords.Status.UNKNOWN);

		assertThat(offline.check("violin marsh ox", singleFactor).acceptable()).isTrue();
	}

	@Test
	void violationsAndContextNeverRevealThePasswordOrPersonalWords() {
		PasswordCheck check = policy.check("devries passwordpassword", janDeVries);

		assertThat(check.toString()).doesNotContain("devries").doesNotContain("password1").doesNotContain("passwordp");
		assertThat(janDeVries.toString()).doesNotContainIgnoringCase("vries").doesNotContainIgnoringCase("jan");
		assertThat(PasswordCandidate.of("violin marsh ox", singleFactor).toString()).doesNotContain("violin");
	}

	@Test
	void checksConcurrentlyWithOneSharedPolicy() throws Exception {
		var pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				String password = i % 2 == 0 ? "violin marsh ox" : "passwordpassword";
				Callable<Boolean> check = () -> policy.check(password, singleFactor).acceptable();
				results.add(pool.submit(check));
			}
			for (int i = 0; i < results.size(); i++) {
				assertThat(results.get(i).get()).isEqualTo(i % 2 == 0);
			}
		}
		finally {
			pool.shutdown();
		}
	}

	/** Deterministic non-repeating text of {@code codePoints} letters, digits and spaces. */
	static String randomText(int codePoints) {
		var random = new Random(42);
		String symbols = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789 ";
		var text = new StringBuilder();
		for (int i = 0; i < codePoints; i++) {
			text.append(symbols.charAt(random.nextInt(symbols.length())));
		}
		return text.toString();
	}
}
