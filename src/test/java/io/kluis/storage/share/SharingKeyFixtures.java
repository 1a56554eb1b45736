package io.kluis.storage.share;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;

/** Sharing keys as a browser would publish them, for tests that need a customer who can receive shares. */
public final class SharingKeyFixtures {

	private SharingKeyFixtures() {
	}

	/** A fresh P-256 public key as an uncompressed point (65 bytes), as WebCrypto exports it. */
	public static byte[] point() {
		try {
			var generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			var w = ((ECPublicKey) generator.generateKeyPair().getPublic()).getW();
			byte[] out = new byte[65];
			out[0] = 4;
			System.arraycopy(fixed(w.getAffineX()), 0, out, 1, 32);
			System.arraycopy(fixed(w.getAffineY()), 0, out, 33, 32);
			return out;
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	private static byte[] fixed(BigInteger n) {
		byte[] raw = n.toByteArray();
		byte[] out = new byte[32];
		int copy = Math.min(32, raw.length);
		System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
		return out;
	}
}
