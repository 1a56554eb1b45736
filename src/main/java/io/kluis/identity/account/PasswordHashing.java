package io.kluis.identity.account;

/** Argon2id password hashing (SEC-2), as the account use cases need it. */
public interface PasswordHashing {

	String hash(String password);

	boolean matches(String password, String encoded);

	/** True when the stored hash uses weaker parameters than configured: re-hash after a good login. */
	boolean needsRehash(String encoded);

	/** Spends the time of one verification, for attempts on unknown or locked accounts. */
	void spendVerificationTime(String password);
}
