package io.kluis.identity.credentials;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * The 32 symbols used for secrets people copy or type: digits 2–9 and lower-case letters without
 * {@code l} and {@code o}, so none of 0/O, 1/l/I can be confused; 5 bits per character. Input is
 * case-folded, which is why upper-case {@code I} may be typed for the {@code i} shown.
 */
final class HumanAlphabet {

	static final String SYMBOLS = "23456789abcdefghijkmnpqrstuvwxyz";

	static final int BITS_PER_SYMBOL = 5;

	private static final SecureRandom RANDOM = new SecureRandom();

	private HumanAlphabet() {
	}

	static String random(int length) {
		StringBuilder value = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			value.append(SYMBOLS.charAt(RANDOM.nextInt(SYMBOLS.length())));
		}
		return value.toString();
	}

	/** Strips spaces and dashes, lower-cases, and checks length and alphabet. */
	static Optional<String> canonical(String input, int length) {
		if (input.length() > 4 * length) {
			return Optional.empty();
		}
		String value = input.replaceAll("[\\s\\-\\u2010-\\u2015]", "").toLowerCase(Locale.ROOT);
		boolean valid = value.length() == length && value.chars().allMatch(c -> SYMBOLS.indexOf(c) >= 0);
		return valid ? Optional.of(value) : Optional.empty();
	}

	/** {@code value} in dash-separated groups of {@code size}. */
	static String grouped(String value, int size) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < value.length(); i += size) {
			if (i > 0) {
				out.append('-');
			}
			out.append(value, i, Math.min(value.length(), i + size));
		}
		return out.toString();
	}
}
