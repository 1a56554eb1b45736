package io.kluis.identity.credentials;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A single-use token for a link (email verification, password reset, setup): 32 random bytes as
 * unpadded URL-safe Base64 (43 characters). The {@code purpose} (e.g. {@code "password-reset"}) is
 * part of the hash, so a verification token can never be used as a reset token even if both sit in
 * one table. Store {@link SecretHasher#hash} with an expiry; expiry and single use are the caller's.
 * {@link #toString()} is masked.
 */
public final class OneTimeToken implements HighEntropySecret {

	public static final int BYTES = 32;

	private static final Pattern PURPOSE = Pattern.compile("[a-z][a-z0-9-]{0,39}");

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String purpose;

	private final String value;

	private OneTimeToken(String purpose, String value) {
		if (!PURPOSE.matcher(purpose).matches()) {
			throw new IllegalArgumentException("purpose must be lower-case kebab-case");
		}
		this.purpose = purpose;
		this.value = value;
	}

	public static OneTimeToken generate(String purpose) {
		byte[] bytes = new byte[BYTES];
		RANDOM.nextBytes(bytes);
		return new OneTimeToken(purpose, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
	}

	/** Parses a token from a link; surrounding whitespace is ignored (the alphabet is case-sensitive). */
	public static Optional<OneTimeToken> parse(String purpose, String input) {
		String value = input.strip();
		return TOKEN.matcher(value).matches() ? Optional.of(new OneTimeToken(purpose, value)) : Optional.empty();
	}

	/** The value to put in the link. */
	public String value() {
		return value;
	}

	@Override
	public String purpose() {
		return purpose;
	}

	@Override
	public String canonical() {
		return value;
	}

	@Override
	public String toString() {
		return "OneTimeToken[" + purpose + ", ***]";
	}
}
