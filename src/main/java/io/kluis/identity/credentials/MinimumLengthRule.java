package io.kluis.identity.credentials;

import java.util.Optional;

/**
 * NIST SP 800-63B-4 minimum length in code points: 15 for a password that is the only factor, 8 when
 * the account also has a second factor. Length is the one requirement that reliably makes guessing
 * harder, which is why it replaces composition rules. Argument: the minimum that applied.
 */
public final class MinimumLengthRule implements PasswordRule {

	public static final String ID = "password.too-short";

	private final int singleFactorMinimum;

	private final int withSecondFactorMinimum;

	public MinimumLengthRule(int singleFactorMinimum, int withSecondFactorMinimum) {
		if (withSecondFactorMinimum < 8 || singleFactorMinimum < 15) {
			throw new IllegalArgumentException("minimum lengths below NIST SP 800-63B-4 (15, or 8 with MFA)");
		}
		this.singleFactorMinimum = singleFactorMinimum;
		this.withSecondFactorMinimum = withSecondFactorMinimum;
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public Optional<PasswordViolation> check(PasswordCandidate candidate) {
		int minimum = candidate.context().hasSecondFactor() ? withSecondFactorMinimum : singleFactorMinimum;
		return candidate.codePoints() < minimum ? Optional.of(PasswordViolation.of(ID, minimum)) : Optional.empty();
	}
}
