package io.kluis.crypto;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A keyed hash (HMAC-SHA-256, truncated to 128 bits) of a canonical field value, stored next to
 * the {@link Sealed} value so equality lookups work without decrypting every row. The key is per
 * installation and per field, so indexes cannot be correlated across fields or installations, nor
 * reversed by hashing a dictionary without the key.
 */
public final class BlindIndex {

	private final byte[] bytes;

	BlindIndex(byte[] bytes) {
		this.bytes = bytes.clone();
	}

	public static BlindIndex fromBytes(byte[] bytes) {
		return new BlindIndex(bytes);
	}

	public byte[] bytes() {
		return bytes.clone();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof BlindIndex that && Arrays.equals(bytes, that.bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(bytes);
	}

	/** Hex of the index; not personal data on its own, but kept out of logs all the same. */
	public String hex() {
		return HexFormat.of().formatHex(bytes);
	}

	@Override
	public String toString() {
		return "BlindIndex[***]";
	}
}
