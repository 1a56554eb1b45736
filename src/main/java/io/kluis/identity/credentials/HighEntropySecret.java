package io.kluis.identity.credentials;

/**
 * A server-generated random secret with enough entropy (≥ 50 bits for a single-use recovery code,
 * ≥ 128 bits for anything else) that a slow password hash buys nothing: nobody can enumerate the
 * space, so {@link SecretHasher} stores a fast keyed hash instead. User-chosen passwords never
 * qualify; they go through {@link PasswordHasher}.
 */
public interface HighEntropySecret {

	/** Domain-separation label mixed into the hash, so a secret of one kind never verifies as another. */
	String purpose();

	/** The normalised secret that is hashed. Do not log. */
	String canonical();
}
