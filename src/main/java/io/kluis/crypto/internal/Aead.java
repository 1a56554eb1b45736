package io.kluis.crypto.internal;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a random 96-bit nonce per message. Output: version byte, nonce, ciphertext+tag.
 * Random nonces are safe here: a data key encrypts far fewer than 2^32 messages.
 */
final class Aead {

	static final byte VERSION = 1;

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * A cipher per thread: {@code Cipher.getInstance} looks the provider up every time, which cost
	 * as much as encrypting a 16 KiB message (C1 in docs/benchmarks.md). Each use re-initialises it
	 * with its own key and nonce.
	 */
	private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
		try {
			return Cipher.getInstance("AES/GCM/NoPadding");
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("AES-GCM unavailable", e);
		}
	});

	private Aead() {
	}

	static byte[] seal(SecretKey key, byte[] plaintext, byte[] associatedData) {
		byte[] nonce = new byte[NONCE_BYTES];
		RANDOM.nextBytes(nonce);
		try {
			Cipher cipher = CIPHERS.get();
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(associatedData);
			// straight into the output after the version byte and the nonce: no second copy
			byte[] sealed = new byte[1 + NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
			sealed[0] = VERSION;
			System.arraycopy(nonce, 0, sealed, 1, NONCE_BYTES);
			int written = cipher.doFinal(plaintext, 0, plaintext.length, sealed, 1 + NONCE_BYTES);
			return written == sealed.length - 1 - NONCE_BYTES ? sealed : java.util.Arrays.copyOf(sealed, 1 + NONCE_BYTES + written);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("AES-GCM unavailable", e);
		}
	}

	/** @throws TamperedException when the tag does not verify (wrong key, wrong context, or tampering) */
	static byte[] open(SecretKey key, byte[] sealed, byte[] associatedData) {
		if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
			throw new TamperedException();
		}
		try {
			Cipher cipher = CIPHERS.get();
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
			cipher.updateAAD(associatedData);
			return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
		}
		catch (javax.crypto.AEADBadTagException e) {
			throw new TamperedException();
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("AES-GCM unavailable", e);
		}
	}

	static byte[] randomKeyBytes() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return key;
	}

	/** Authentication failed; deliberately carries no detail. */
	static final class TamperedException extends RuntimeException {

		TamperedException() {
			super("sealed value failed authentication");
		}
	}
}
