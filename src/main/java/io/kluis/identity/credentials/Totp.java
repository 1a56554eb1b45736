package io.kluis.identity.credentials;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA1, 30-second steps, 6 digits,
 * the only combination every authenticator app supports. Written here rather than taken from a
 * library because the algorithm is short and the Java TOTP libraries are unmaintained.
 * <p>
 * Login flow: load the account's {@code lastUsedStep} ({@link #NO_STEP_USED} before the first use),
 * call {@link #verify}, and on success store the returned step in the same transaction — that is what
 * makes a code single-use. Guessing is one in 10^6 per step and three steps are accepted, so the
 * caller must also rate-limit and lock out failed attempts.
 */
public final class Totp {

	public static final long STEP_SECONDS = 30;

	/** {@code lastUsedStep} for an account that has never used a code. */
	public static final long NO_STEP_USED = -1;

	private static final int[] POWERS_OF_TEN = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000 };

	private final int digits;

	/** @param digits 6 in production; 8 for the RFC 6238 test vectors */
	public Totp(int digits) {
		if (digits < 6 || digits > 8) {
			throw new IllegalArgumentException("TOTP digits must be 6 to 8");
		}
		this.digits = digits;
	}

	public Totp() {
		this(6);
	}

	/** The RFC 6238 time step (counter) containing {@code instant}. */
	public static long stepAt(Instant instant) {
		return Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
	}

	/** The code for {@code step}, zero-padded to {@code digits}. */
	public String code(TotpSecret secret, long step) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(secret.bytes(), "HmacSHA1"));
			byte[] hash = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(step).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			String code = Integer.toString(binary % POWERS_OF_TEN[digits]);
			return "0".repeat(digits - code.length()) + code;
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA1 unavailable", e);
		}
	}

	/**
	 * Checks {@code input} against the steps just before, at and after {@code now} (±30 s of clock
	 * drift), skipping any step at or before {@code lastUsedStep} so a code cannot be replayed.
	 * Spaces in the input are ignored; anything but exactly {@code digits} ASCII digits is refused.
	 *
	 * @return the matched step, which the caller must store as the new {@code lastUsedStep}; empty
	 *         when the code is wrong, malformed or already used
	 */
	public OptionalLong verify(TotpSecret secret, String input, Instant now, long lastUsedStep) {
		if (input.length() > 32) {
			return OptionalLong.empty();
		}
		String code = input.replaceAll("[\\s\\u00a0\\u202f]", "");
		if (code.length() != digits || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
			return OptionalLong.empty();
		}
		byte[] given = code.getBytes(StandardCharsets.US_ASCII);
		long current = stepAt(now);
		long matched = Long.MIN_VALUE;
		for (long step = current - 1; step <= current + 1; step++) {
			// No early exit: every candidate is computed and compared in constant time.
			boolean equal = MessageDigest.isEqual(given, code(secret, step).getBytes(StandardCharsets.US_ASCII));
			if (equal && step > lastUsedStep && matched == Long.MIN_VALUE) {
				matched = step;
			}
		}
		return matched == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(matched);
	}

	/**
	 * The {@code otpauth://} URI for enrolment (Google Authenticator key-URI format), to be shown as a QR
	 * code. Contains the secret: render it to the enrolling user only, never log it.
	 *
	 * @param issuer the provider's name, e.g. "Kluis"; must not contain ':'
	 * @param accountLabel what the app shows under the issuer, e.g. the login email; must not contain ':'
	 */
	public String provisioningUri(TotpSecret secret, String issuer, String accountLabel) {
		if (issuer.isBlank() || issuer.indexOf(':') >= 0 || accountLabel.indexOf(':') >= 0) {
			throw new IllegalArgumentException("issuer and account label must be non-blank and contain no ':'");
		}
		return "otpauth://totp/" + encode(issuer) + ":" + encode(accountLabel) + "?secret=" + secret.base32()
				+ "&issuer=" + encode(issuer) + "&algorithm=SHA1&digits=" + digits + "&period=" + STEP_SECONDS;
	}

	/** Percent-encoding for URI components (space as %20, not '+', which some apps show literally). */
	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}
}
