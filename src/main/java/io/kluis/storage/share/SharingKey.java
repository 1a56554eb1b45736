package io.kluis.storage.share;

import io.kluis.shared.AccountId;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A customer's sharing key pair as the server holds it (STO-2): the public key (an uncompressed
 * P-256 point) and the private key wrapped in their browser under a key derived from their vault's
 * keys, which the server never has. {@link #toString()} names the account only.
 *
 * @param space the vault whose keys wrap the private key
 */
public record SharingKey(AccountId account, UUID space, byte[] publicKey, byte[] wrappedPrivateKey, Instant createdAt) {

	/**
	 * What a cautious customer compares out of band: the first 128 bits of SHA-256 of the public
	 * key, hex in groups of four ("1a2b 3c4d …"). The browser computes the same from the key it got.
	 */
	public String fingerprint() {
		return fingerprint(publicKey);
	}

	static String fingerprint(byte[] publicKey) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey);
			String hex = HexFormat.of().formatHex(digest, 0, 16);
			var out = new StringBuilder();
			for (int i = 0; i < hex.length(); i += 4) {
				out.append(i == 0 ? "" : " ").append(hex, i, i + 4);
			}
			return out.toString();
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 unavailable", e);
		}
	}

	@Override
	public String toString() {
		return "SharingKey[" + account + "]";
	}
}
