package io.kluis.identity.credentials;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.codec.binary.Base32;

/**
 * A TOTP shared secret: 160 random bits (the HMAC-SHA1 block-size recommendation of RFC 4226),
 * exchanged with the authenticator app as unpadded Base32. It is a credential: store it encrypted
 * (crypto module), never log it; {@link #toString()} is masked.
 */
public final class TotpSecret {

	public static final int BYTES = 20;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final byte[] key;

	private TotpSecret(byte[] key) {
		this.key = key.clone();
	}

	public static TotpSecret generate() {
		byte[] key = new byte[BYTES];
		RANDOM.nextBytes(key);
		return new TotpSecret(key);
	}

	/** An existing key, e.g. decrypted from storage; at least 16 bytes (RFC 4226 minimum 128 bits). */
	public static TotpSecret fromBytes(byte[] key) {
		if (key.length < 16) {
			throw new IllegalArgumentException("TOTP key shorter than 128 bits");
		}
		return new TotpSecret(key);
	}

	/** Parses Base32 (case-insensitive, spaces and padding ignored); empty when it is not valid Base32. */
	public static Optional<TotpSecret> fromBase32(String base32) {
		String cleaned = base32.replaceAll("[\\s=]", "").toUpperCase(Locale.ROOT);
		Base32 codec = new Base32();
		if (cleaned.isEmpty() || !cleaned.chars().allMatch(c -> codec.isInAlphabet((byte) c))) {
			return Optional.empty();
		}
		byte[] key = codec.decode(cleaned);
		return key.length < 16 ? Optional.empty() : Optional.of(new TotpSecret(key));
	}

	public byte[] bytes() {
		return key.clone();
	}

	/** Unpadded upper-case Base32, as authenticator apps expect in {@code otpauth://} URIs. */
	public String base32() {
		return new Base32().encodeToString(key).replace("=", "");
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof TotpSecret that && java.security.MessageDigest.isEqual(key, that.key);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(key);
	}

	@Override
	public String toString() {
		return "TotpSecret[***]";
	}
}
