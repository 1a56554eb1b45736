package io.kluis.identity.credentials;

import java.util.Optional;

/**
 * Upper bound in code points. NIST asks to allow at least 64; we allow 256 so long passphrases and
 * password-manager output always fit, while bounding the work of the strength estimator and
 * Argon2's pre-hash. Argument: the maximum.
 */
public final class MaximumLengthRule implements PasswordRule {

	public static final String ID = "password.too-long";

	private final int maximum;

	public MaximumLengthRule(int maximum) {
		if (maximum < 64) {
			throw new IllegalArgumentException("NIST SP 800-63B requires a maximum of at least 64");
		}
		this.maximum = maximum;
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public Optional<PasswordViolation> check(PasswordCandidate candidate) {
		return candidate.codePoints() > maximum ? Optional.of(PasswordViolation.of(ID, maximum)) : Optional.empty();
	}
}
