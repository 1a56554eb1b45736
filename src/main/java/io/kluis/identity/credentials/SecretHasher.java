package io.kluis.identity.credentials;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import java.util.OptionalInt;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 with a server-side pepper for {@link HighEntropySecret}s: recovery codes, app
 * passwords (checked on every WebDAV request, so Argon2 per request is out of the question) and
 * one-time tokens (email verification, password reset, setup links). Random secrets need no salt or
 * work factor; the pepper, kept outside the database, means a stolen table alone cannot even be
 * used to test guesses. Hashes are deterministic, so they may also be indexed and looked up.
 * <p>
 * Input is {@code purpose || 0x00 || canonical}. Comparisons are constant-time. Thread-safe.
 */
public final class SecretHasher {

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec pepper;

	/** @param pepper at least 32 random bytes from configuration or the keyring, never from the database */
	public SecretHasher(byte[] pepper) {
		if (pepper.length < 32) {
			throw new IllegalArgumentException("pepper must be at least 32 bytes");
		}
		this.pepper = new SecretKeySpec(pepper, ALGORITHM);
	}

	/** The 32-byte hash to store. */
	public byte[] hash(HighEntropySecret secret) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(pepper);
			mac.update(secret.purpose().getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return mac.doFinal(secret.canonical().getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
		}
	}

	public boolean matches(HighEntropySecret candidate, byte[] storedHash) {
		return MessageDigest.isEqual(hash(candidate), storedHash);
	}

	/**
	 * The position of the stored hash {@code candidate} matches, e.g. among an account's unused
	 * recovery codes; every entry is compared, with no early exit. The caller then consumes that entry.
	 */
	public OptionalInt indexOfMatch(HighEntropySecret candidate, List<byte[]> storedHashes) {
		byte[] hash = hash(candidate);
		int found = -1;
		for (int i = 0; i < storedHashes.size(); i++) {
			if (MessageDigest.isEqual(hash, storedHashes.get(i)) && found < 0) {
				found = i;
			}
		}
		return found < 0 ? OptionalInt.empty() : OptionalInt.of(found);
	}
}
