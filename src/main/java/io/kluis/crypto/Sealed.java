package io.kluis.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * A personal field encrypted under its subject's data key, as stored in a binary column
 * ({@code bytea} / {@code varbinary}). Layout: format version (1 byte), 12-byte GCM nonce,
 * ciphertext with 16-byte tag. The field name and subject id are bound as associated data, so a
 * value copied to another row or column fails to open.
 */
public final class Sealed {

	private final byte[] bytes;

	private Sealed(byte[] bytes) {
		this.bytes = bytes;
	}

	public static Sealed fromBytes(byte[] bytes) {
		Objects.requireNonNull(bytes, "bytes");
		if (bytes.length < 1 + 12 + 16) {
			throw new IllegalArgumentException("too short to be a sealed value");
		}
		return new Sealed(bytes.clone());
	}

	/** Returns null for a null column, so optional fields read naturally. */
	public static Sealed fromNullableBytes(byte[] bytes) {
		return bytes == null ? null : fromBytes(bytes);
	}

	public byte[] bytes() {
		return bytes.clone();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Sealed that && Arrays.equals(bytes, that.bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(bytes);
	}

	@Override
	public String toString() {
		return "Sealed[" + bytes.length + " bytes]";
	}
}
