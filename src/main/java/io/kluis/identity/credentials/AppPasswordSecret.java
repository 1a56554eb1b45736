package io.kluis.identity.credentials;

import java.util.Optional;

/**
 * A generated app password (for WebDAV and other clients that cannot do MFA): 32 characters of
 * {@link HumanAlphabet} (160 bits), shown once as four dash-separated groups of 8.
 * <p>
 * The first {@value #LOOKUP_ID_LENGTH} characters are its {@link #lookupId()}: stored in clear next to
 * the hash, it finds the row without hashing against every app password of the account, lets the
 * settings page say "abc234… last used yesterday", and lets a leaked value be recognised in a report.
 * It is not unique (30 bits) — look up candidates by (account, lookupId) and verify each with
 * {@link SecretHasher#matches}. The remaining {@value #SECRET_BITS} bits stay secret, above the 128
 * bits required for a long-lived credential. {@link #toString()} shows only the lookup id.
 */
public final class AppPasswordSecret implements HighEntropySecret {

	public static final int LENGTH = 32;

	public static final int LOOKUP_ID_LENGTH = 6;

	/** Entropy of the part not revealed by the lookup id. */
	public static final int SECRET_BITS = (LENGTH - LOOKUP_ID_LENGTH) * HumanAlphabet.BITS_PER_SYMBOL;

	static final String PURPOSE = "app-password";

	private final String canonical;

	private AppPasswordSecret(String canonical) {
		this.canonical = canonical;
	}

	public static AppPasswordSecret generate() {
		return new AppPasswordSecret(HumanAlphabet.random(LENGTH));
	}

	/** Parses what a client sent: dashes, spaces and case do not matter. Empty when it cannot be an app password. */
	public static Optional<AppPasswordSecret> parse(String input) {
		return HumanAlphabet.canonical(input, LENGTH).map(AppPasswordSecret::new);
	}

	/** For showing once: {@code xxxxxxxx-xxxxxxxx-xxxxxxxx-xxxxxxxx}. */
	public String display() {
		return HumanAlphabet.grouped(canonical, 8);
	}

	/** Non-secret prefix to store in clear and index; see the class comment. */
	public String lookupId() {
		return canonical.substring(0, LOOKUP_ID_LENGTH);
	}

	@Override
	public String purpose() {
		return PURPOSE;
	}

	@Override
	public String canonical() {
		return canonical;
	}

	@Override
	public String toString() {
		return "AppPasswordSecret[" + lookupId() + "***]";
	}
}
