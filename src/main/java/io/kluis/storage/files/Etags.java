package io.kluis.storage.files;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random entity tags and blob keys: unguessable, and saying nothing about the contents. */
public final class Etags {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Etags() {
	}

	static String random() {
		byte[] bytes = new byte[10];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	/** A new blob key: 128 random bits as 32 hex digits. */
	public static String newBlobKey() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}
}
