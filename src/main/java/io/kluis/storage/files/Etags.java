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

	/**
	 * The key of a new blob sealed at rest (docs/encryption-at-rest.md): {@value #SEALED} and 124
	 * random bits. A plain blob's key is hex only, so the key says which format its contents have.
	 */
	static String newSealedBlobKey() {
		return SEALED + newBlobKey().substring(1);
	}

	static final String SEALED = "z";

	/** Whether a blob-store key names contents sealed under their owner's data key (small ones say so in their row). */
	static boolean isSealed(String blob) {
		return blob.startsWith(SEALED);
	}

	/** A new blob key: 128 random bits as 32 hex digits. */
	public static String newBlobKey() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}
}
