package io.kluis.identity.credentials;

import java.util.Optional;

/**
 * Refuses passwords that are repetitive or sequential as a whole, the patterns NIST SP 800-63B names
 * explicitly: at most two distinct characters ({@code aaaaaaaaaaaaaab}); one shorter unit repeated
 * ({@code abcabcabc…}, {@code passwordpassword}); or a run where each character is the next (or
 * previous) one, digits wrapping 9→0 ({@code 123456789012345}, {@code abcdefghijklmnop}). Partly
 * repetitive passwords are left to the strength estimate of {@link BlocklistRule}.
 */
public final class RepetitiveRule implements PasswordRule {

	public static final String ID = "password.repetitive";

	@Override
	public String id() {
		return ID;
	}

	@Override
	public Optional<PasswordViolation> check(PasswordCandidate candidate) {
		int[] cps = candidate.normalized().toLowerCase(java.util.Locale.ROOT).codePoints().toArray();
		if (cps.length < 3) {
			return Optional.empty();
		}
		boolean repetitive = distinct(cps) <= 2 || periodic(cps) || sequential(cps, 1) || sequential(cps, -1);
		return repetitive ? Optional.of(PasswordViolation.of(ID)) : Optional.empty();
	}

	private static long distinct(int[] cps) {
		return java.util.Arrays.stream(cps).distinct().limit(3).count();
	}

	private static boolean periodic(int[] cps) {
		for (int period = 1; period <= cps.length / 2; period++) {
			boolean matches = true;
			for (int i = period; i < cps.length && matches; i++) {
				matches = cps[i] == cps[i - period];
			}
			if (matches) {
				return true;
			}
		}
		return false;
	}

	private static boolean sequential(int[] cps, int direction) {
		for (int i = 1; i < cps.length; i++) {
			if (next(cps[i - 1], direction) != cps[i]) {
				return false;
			}
		}
		return true;
	}

	private static int next(int cp, int direction) {
		if (cp >= '0' && cp <= '9') {
			return '0' + Math.floorMod(cp - '0' + direction, 10);
		}
		return cp + direction;
	}
}
