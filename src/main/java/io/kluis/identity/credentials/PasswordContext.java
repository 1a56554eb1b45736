package io.kluis.identity.credentials;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What the password policy needs to know about the account besides the password itself.
 *
 * @param hasSecondFactor whether the account has (or is enrolling) TOTP or a passkey; lowers the
 *        minimum length from 15 to 8 as NIST SP 800-63B-4 allows for a password used with MFA
 * @param personalWords words the password must not contain (name, email local part); compared
 *        case-insensitively, ignored when shorter than 3 characters. Never echoed in a violation.
 */
public record PasswordContext(boolean hasSecondFactor, List<String> personalWords) {

	public PasswordContext {
		personalWords = List.copyOf(personalWords);
	}

	/** No personal words; for a password change where the caller has none at hand. */
	public static PasswordContext of(boolean hasSecondFactor) {
		return new PasswordContext(hasSecondFactor, List.of());
	}

	/**
	 * Context from the account's email and names: the email's local part and its pieces split at
	 * {@code . _ + -} ("jan.devries" also yields "jan" and "devries"), and both names.
	 */
	public static PasswordContext forAccount(boolean hasSecondFactor, @Nullable String email,
			@Nullable String firstName, @Nullable String lastName) {
		List<String> words = new ArrayList<>();
		if (email != null) {
			int at = email.lastIndexOf('@');
			String local = (at < 0 ? email : email.substring(0, at)).toLowerCase(Locale.ROOT);
			words.add(local);
			for (String piece : local.split("[._+\\-]+")) {
				words.add(piece);
			}
		}
		if (firstName != null) {
			words.add(firstName);
		}
		if (lastName != null) {
			words.add(lastName);
		}
		return new PasswordContext(hasSecondFactor, words);
	}

	/** Masks the personal words: they are personal data. */
	@Override
	public String toString() {
		return "PasswordContext[hasSecondFactor=" + hasSecondFactor + ", personalWords=" + personalWords.size() + "]";
	}
}
