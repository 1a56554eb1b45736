package io.kluis.identity.credentials;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;

/**
 * Hashes account passwords with Argon2id (SEC-2) into PHC strings such as
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (unpadded standard Base64, 16-byte salt,
 * 32-byte hash), so the parameters travel with each hash and can be raised later.
 * <p>
 * Passwords are NFKC-normalised and UTF-8 encoded first (NIST SP 800-63B), so the same password typed
 * on another keyboard or OS (a ligature, a full-width digit) still matches. Thread-safe; each call
 * allocates {@code memoryKiB} of memory for the duration of the hash.
 * <p>
 * Login flow: verify with {@link #matches}; for an unknown account verify against {@link #dummyHash()}
 * so both paths cost one Argon2 computation; after a successful match, if {@link #needsRehash}
 * says so, store {@link #hash} of the same password.
 */
public final class PasswordHasher {

	/** Longer input is refused outright: no legitimate password is this long, and NFKC is not free. */
	public static final int MAX_INPUT_CHARS = 4096;

	private static final int SALT_BYTES = 16;

	private static final int HASH_BYTES = 32;

	private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

	private final Argon2Parameters parameters;

	private final SecureRandom random = new SecureRandom();

	private final String dummyHash;

	/** @throws IllegalArgumentException when {@code parameters} are weaker than {@link Argon2Parameters#OWASP_MINIMUM} */
	public PasswordHasher(Argon2Parameters parameters) {
		if (parameters.weakerThan(Argon2Parameters.OWASP_MINIMUM)) {
			throw new IllegalArgumentException("Argon2 parameters below the OWASP minimum (m=19456, t=2)");
		}
		this.parameters = parameters;
		byte[] unguessable = new byte[32];
		random.nextBytes(unguessable);
		this.dummyHash = hash(B64.encodeToString(unguessable));
	}

	public PasswordHasher() {
		this(Argon2Parameters.OWASP_MINIMUM);
	}

	public Argon2Parameters parameters() {
		return parameters;
	}

	/** A fresh salted hash of {@code password} in PHC format; never contains the password. */
	public String hash(CharSequence password) {
		byte[] encoded = encode(password);
		if (encoded.length == 0) {
			throw new IllegalArgumentException("password must not be empty or longer than " + MAX_INPUT_CHARS);
		}
		byte[] salt = new byte[SALT_BYTES];
		random.nextBytes(salt);
		byte[] hash = argon2(encoded, salt, parameters, HASH_BYTES);
		return "$argon2id$v=19$" + parameters.phcSegment() + "$" + B64.encodeToString(salt) + "$"
				+ B64.encodeToString(hash);
	}

	/**
	 * Whether {@code password} produces {@code encoded}, using the parameters stored in it. Compares in
	 * constant time; a malformed, foreign or unreasonable stored value yields {@code false}, never an exception.
	 */
	public boolean matches(CharSequence password, String encoded) {
		PhcArgon2 stored = PhcArgon2.parse(encoded);
		byte[] bytes = encode(password);
		if (stored == null || bytes.length == 0) {
			return false;
		}
		byte[] actual = argon2(bytes, stored.salt(), stored.parameters(), stored.hash().length);
		return MessageDigest.isEqual(actual, stored.hash());
	}

	/** True when {@code encoded} should be replaced: weaker than the configured parameters, or unreadable. */
	public boolean needsRehash(String encoded) {
		PhcArgon2 stored = PhcArgon2.parse(encoded);
		return stored == null || stored.parameters().weakerThan(parameters) || stored.salt().length < SALT_BYTES
				|| stored.hash().length < HASH_BYTES;
	}

	/**
	 * A hash of a random password nobody knows, with the configured parameters. Verify against it
	 * when the account does not exist, so "unknown user" costs as much time as "wrong password".
	 */
	public String dummyHash() {
		return dummyHash;
	}

	/** Spends one verification's worth of time; always {@code false}. */
	public boolean matchesDummy(CharSequence password) {
		matches(password, dummyHash);
		return false;
	}

	static byte[] argon2(byte[] password, byte[] salt, Argon2Parameters parameters, int length) {
		var generator = new Argon2BytesGenerator();
		generator.init(new org.bouncycastle.crypto.params.Argon2Parameters.Builder(
				org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
			.withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
			.withMemoryAsKB(parameters.memoryKiB())
			.withIterations(parameters.iterations())
			.withParallelism(parameters.parallelism())
			.withSalt(salt)
			.build());
		byte[] out = new byte[length];
		generator.generateBytes(password, out);
		Arrays.fill(password, (byte) 0);
		return out;
	}

	/** NFKC then UTF-8; empty for empty or over-long input (callers treat that as "no match"). */
	private static byte[] encode(CharSequence password) {
		if (password.length() == 0 || password.length() > MAX_INPUT_CHARS) {
			return new byte[0];
		}
		String normalized = Normalizer.normalize(password, Normalizer.Form.NFKC);
		ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(normalized));
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		Arrays.fill(buffer.array(), (byte) 0);
		return bytes;
	}
}
