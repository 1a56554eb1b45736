package io.kluis.identity.credentials;

import java.text.Normalizer;

/**
 * A proposed password as the rules see it: NFKC-normalised (the form {@link PasswordHasher} hashes),
 * its length in Unicode code points (what NIST SP 800-63B counts, so an emoji is one character),
 * and the account context. {@link #toString()} never shows the password.
 */
public final class PasswordCandidate {

	private final String normalized;

	private final int codePoints;

	private final PasswordContext context;

	private PasswordCandidate(String normalized, PasswordContext context) {
		this.normalized = normalized;
		this.codePoints = normalized.codePointCount(0, normalized.length());
		this.context = context;
	}

	public static PasswordCandidate of(CharSequence password, PasswordContext context) {
		return new PasswordCandidate(Normalizer.normalize(password, Normalizer.Form.NFKC), context);
	}

	/** The NFKC-normalised password. Do not log. */
	public String normalized() {
		return normalized;
	}

	public int codePoints() {
		return codePoints;
	}

	public PasswordContext context() {
		return context;
	}

	@Override
	public String toString() {
		return "PasswordCandidate[***]";
	}
}
