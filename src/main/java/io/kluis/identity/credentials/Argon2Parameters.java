package io.kluis.identity.credentials;

/**
 * Argon2id cost parameters. The floor is the OWASP Password Storage Cheat Sheet minimum for
 * Argon2id (m=19 MiB, t=2, p=1); stronger settings (more memory first) are welcome, weaker ones are
 * refused by {@link PasswordHasher} so a typo in configuration cannot silently weaken SEC-2. Both
 * costs must reach the floor: OWASP's equivalent trade-offs that lower {@code t} below 2 (e.g. 46 MiB
 * with t=1) are refused too, which keeps "weaker" a simple per-component comparison.
 *
 * @param memoryKiB memory cost in KiB ({@code m})
 * @param iterations number of passes ({@code t})
 * @param parallelism lanes ({@code p}); BouncyCastle computes lanes on one thread, so raising it
 *        costs time rather than buying speed
 */
public record Argon2Parameters(int memoryKiB, int iterations, int parallelism) {

	/** OWASP minimum for Argon2id: 19 MiB, 2 iterations, 1 lane. */
	public static final Argon2Parameters OWASP_MINIMUM = new Argon2Parameters(19456, 2, 1);

	public Argon2Parameters {
		if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1 || parallelism > 255) {
			throw new IllegalArgumentException("invalid Argon2 parameters");
		}
	}

	/** True when either cost is lower than {@code other}'s; a stored hash like that is upgraded. */
	public boolean weakerThan(Argon2Parameters other) {
		return memoryKiB < other.memoryKiB || iterations < other.iterations;
	}

	/** The {@code m=…,t=…,p=…} segment of a PHC string. */
	String phcSegment() {
		return "m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism;
	}
}
