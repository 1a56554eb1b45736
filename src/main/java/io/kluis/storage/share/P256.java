package io.kluis.storage.share;

import java.math.BigInteger;

/**
 * Checks that bytes are an uncompressed NIST P-256 point on the curve (SEC 1: {@code 04 ‖ x ‖ y}),
 * as WebCrypto exports an ECDH public key ("raw"). The server cannot check more: whether the
 * customer holds the private key is their browser's business.
 */
final class P256 {

	static final int POINT_BYTES = 65;

	private static final BigInteger P = new BigInteger(
			"ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);

	private static final BigInteger B = new BigInteger(
			"5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);

	private P256() {
	}

	static boolean isPoint(byte[] bytes) {
		if (bytes.length != POINT_BYTES || bytes[0] != 4) {
			return false;
		}
		BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(bytes, 1, 33));
		BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(bytes, 33, 65));
		if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0) {
			return false;
		}
		// y² = x³ − 3x + b (mod p)
		BigInteger left = y.multiply(y).mod(P);
		BigInteger right = x.pow(3).subtract(x.multiply(BigInteger.valueOf(3))).add(B).mod(P);
		return left.equals(right);
	}
}
