package io.kluis.storage.share;

import io.kluis.crypto.PersonalDataCipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * The secrets of share links. A token is 256 random bits (base64url, 43 characters), shown once;
 * the database holds only its keyed hash, so neither a dump nor a log line can be turned into a
 * working link. A grant (after the right password) is {@code <share id>.<expiry>.<HMAC>}, signed
 * with a key derived from the installation's blind-index secret: every node of a cluster checks it,
 * nothing is stored, and it names no person.
 */
@Component
class ShareSecrets {

	static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

	private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

	private final SecureRandom random = new SecureRandom();

	private final PersonalDataCipher cipher;

	private final Supplier<byte[]> grantKey;

	ShareSecrets(PersonalDataCipher cipher) {
		this.cipher = cipher;
		// Derived lazily: the schema (and the installation secret) must exist first.
		this.grantKey = SingletonSupplier.of(() -> {
			byte[] first = cipher.blindIndex("storage.share-grant", "v1/1").bytes();
			byte[] second = cipher.blindIndex("storage.share-grant", "v1/2").bytes();
			byte[] key = java.util.Arrays.copyOf(first, first.length + second.length);
			System.arraycopy(second, 0, key, first.length, second.length);
			return key;
		});
	}

	String newToken() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return B64.encodeToString(bytes);
	}

	static boolean wellFormed(@Nullable String token) {
		return token != null && TOKEN.matcher(token).matches();
	}

	byte[] hash(String token) {
		return cipher.blindIndex("storage.share-token", token).bytes();
	}

	/**
	 * Who guesses a link's password, for throttling: a keyed hash of the link and the visitor's
	 * network, so the table holds no address and one link's guesser says nothing about another's.
	 */
	byte[] guesser(UUID share, String network) {
		return cipher.blindIndex("storage.share-guesser", share + "|" + network).bytes();
	}

	String grant(UUID share, Instant until) {
		String payload = share + "." + until.getEpochSecond();
		return payload + "." + B64.encodeToString(mac(payload));
	}

	/** The share a grant is for, when its signature is right and it has not expired. */
	Optional<UUID> granted(@Nullable String grant, Instant now) {
		if (grant == null) {
			return Optional.empty();
		}
		int last = grant.lastIndexOf('.');
		int first = grant.indexOf('.');
		if (first < 0 || last <= first) {
			return Optional.empty();
		}
		String payload = grant.substring(0, last);
		byte[] signature;
		try {
			signature = Base64.getUrlDecoder().decode(grant.substring(last + 1));
			if (!MessageDigest.isEqual(signature, mac(payload))) {
				return Optional.empty();
			}
			if (now.getEpochSecond() >= Long.parseLong(payload.substring(first + 1))) {
				return Optional.empty();
			}
			return Optional.of(UUID.fromString(payload.substring(0, first)));
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
	}

	private byte[] mac(String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(grantKey.get(), "HmacSHA256"));
			return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 unavailable", e);
		}
	}
}
