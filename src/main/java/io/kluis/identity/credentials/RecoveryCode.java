package io.kluis.identity.credentials;

import java.util.Optional;

/**
 * One MFA recovery code: 10 characters of {@link HumanAlphabet} (50 bits), shown as
 * {@code xxxxx-xxxxx}. 50 bits is plenty for a code that is single-use, rate-limited and only
 * asked for after the password. Store {@link SecretHasher#hash} of it; {@link #toString()} is masked.
 */
public final class RecoveryCode implements HighEntropySecret {

	public static final int LENGTH = 10;

	static final String PURPOSE = "recovery-code";

	private final String canonical;

	private RecoveryCode(String canonical) {
		this.canonical = canonical;
	}

	static RecoveryCode generate() {
		return new RecoveryCode(HumanAlphabet.random(LENGTH));
	}

	/** Parses what the user typed: dashes, spaces and case do not matter. Empty when it cannot be a code. */
	public static Optional<RecoveryCode> parse(String input) {
		return HumanAlphabet.canonical(input, LENGTH).map(RecoveryCode::new);
	}

	/** {@code xxxxx-xxxxx}, for showing once at generation. */
	public String display() {
		return HumanAlphabet.grouped(canonical, LENGTH / 2);
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
	public boolean equals(Object other) {
		return other instanceof RecoveryCode that && canonical.equals(that.canonical);
	}

	@Override
	public int hashCode() {
		return canonical.hashCode();
	}

	@Override
	public String toString() {
		return "RecoveryCode[***]";
	}
}
