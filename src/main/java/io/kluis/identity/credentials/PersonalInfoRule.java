package io.kluis.identity.credentials;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses a password that contains one of the account's own words (name, email local part), which
 * are the first guesses of anyone who knows the person. Case-insensitive, also with spaces removed
 * from both sides ("de Vries" is found in "devries2024…"); words shorter than 3 code points are
 * ignored, as they would refuse too many unrelated passwords. The violation never says which word.
 */
public final class PersonalInfoRule implements PasswordRule {

	public static final String ID = "password.contains-personal-info";

	private static final int MINIMUM_WORD_LENGTH = 3;

	@Override
	public String id() {
		return ID;
	}

	@Override
	public Optional<PasswordViolation> check(PasswordCandidate candidate) {
		String password = fold(candidate.normalized());
		String compact = password.replaceAll("\\s+", "");
		for (String word : candidate.context().personalWords()) {
			String folded = fold(word).strip();
			String compactWord = folded.replaceAll("\\s+", "");
			if (compactWord.codePointCount(0, compactWord.length()) < MINIMUM_WORD_LENGTH) {
				continue;
			}
			if (password.contains(folded) || compact.contains(compactWord)) {
				return Optional.of(PasswordViolation.of(ID));
			}
		}
		return Optional.empty();
	}

	private static String fold(String value) {
		return Normalizer.normalize(value, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
	}
}
