package io.kluis.identity.credentials;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Generates a set of MFA recovery codes. Flow: show {@link RecoveryCode#display()} of each code once,
 * store only {@link SecretHasher#hash} of each (generating a new set replaces the old one). To log in
 * with a code: {@link RecoveryCode#parse}, then {@link SecretHasher#indexOfMatch} against the unused
 * hashes, then delete or mark that hash used in the same transaction — single use is the caller's job.
 */
public final class RecoveryCodes {

	public static final int COUNT = 10;

	private RecoveryCodes() {
	}

	/** {@value #COUNT} distinct fresh codes. */
	public static List<RecoveryCode> generate() {
		Set<RecoveryCode> codes = new LinkedHashSet<>();
		while (codes.size() < COUNT) {
			codes.add(RecoveryCode.generate());
		}
		return List.copyOf(codes);
	}
}
