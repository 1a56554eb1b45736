package io.kluis.identity.credentials;

import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * A parsed {@code $argon2id$v=19$m=…,t=…,p=…$salt$hash} string. Parsing is strict and bounded: a
 * tampered row with absurd costs must not make a login allocate gigabytes, so such values are
 * treated as malformed.
 */
record PhcArgon2(Argon2Parameters parameters, byte[] salt, byte[] hash) {

	private static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;

	private static final int MAX_ITERATIONS = 64;

	private static final int MAX_PARALLELISM = 64;

	/** @return the parsed value, or {@code null} when {@code encoded} is not a usable Argon2id v19 PHC string */
	static @Nullable PhcArgon2 parse(@Nullable String encoded) {
		if (encoded == null || encoded.length() > 512) {
			return null;
		}
		String[] parts = encoded.split("\\$", -1);
		if (parts.length != 6 || !parts[0].isEmpty() || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
			return null;
		}
		try {
			String[] costs = parts[3].split(",", -1);
			if (costs.length != 3 || !costs[0].startsWith("m=") || !costs[1].startsWith("t=")
					|| !costs[2].startsWith("p=")) {
				return null;
			}
			int m = Integer.parseInt(costs[0].substring(2));
			int t = Integer.parseInt(costs[1].substring(2));
			int p = Integer.parseInt(costs[2].substring(2));
			if (m > MAX_MEMORY_KIB || t > MAX_ITERATIONS || p > MAX_PARALLELISM) {
				return null;
			}
			byte[] salt = Base64.getDecoder().decode(parts[4]);
			byte[] hash = Base64.getDecoder().decode(parts[5]);
			if (salt.length < 8 || salt.length > 64 || hash.length < 16 || hash.length > 64) {
				return null;
			}
			return new PhcArgon2(new Argon2Parameters(m, t, p), salt, hash);
		}
		catch (IllegalArgumentException e) {
			// NumberFormatException, bad Base64, or parameters Argon2 itself rejects
			return null;
		}
	}
}
