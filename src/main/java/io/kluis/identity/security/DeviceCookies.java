package io.kluis.identity.security;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.identity.account.Account;
import io.kluis.identity.account.IdentityProperties;
import io.kluis.shared.AccountId;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): after a complete
 * panel login (password and, when on, the second factor) the browser gets a cookie naming the
 * account it proved itself for. A later login to that account from that browser is a
 * <em>trusted</em> attempt: it is not refused because its network address or the account is being
 * throttled or locked by someone else's guesses. Guesses made with the cookie count against the
 * cookie itself (the same allowance as an address), so it is no way around throttling.
 *
 * <p>The cookie is stateless: account id, issue time and a random nonce, authenticated with the
 * installation's keyed hash (the same on every node). It is refused once it is older than
 * {@link #VALIDITY} or than the account's last password change.
 */
@Component
public class DeviceCookies {

	static final String NAME = "kluis-device";

	static final Duration VALIDITY = Duration.ofDays(180);

	private static final String MAC_PURPOSE = "identity.login.device-cookie";

	private static final SecureRandom RANDOM = new SecureRandom();

	/** A device cookie that checked out: the throttling key of this device. */
	public record Device(String throttleKey) {

		@Override
		public String toString() {
			return "Device[***]";
		}
	}

	private final PersonalDataCipher cipher;

	private final IdentityProperties properties;

	private final Clock clock;

	DeviceCookies(PersonalDataCipher cipher, IdentityProperties properties, Clock clock) {
		this.cipher = cipher;
		this.properties = properties;
		this.clock = clock;
	}

	/** Sets (or renews) the device cookie after a complete login. */
	public void issue(HttpServletResponse response, AccountId account) {
		byte[] nonce = new byte[16];
		RANDOM.nextBytes(nonce);
		UUID id = account.value();
		byte[] payload = ByteBuffer.allocate(40)
			.putLong(id.getMostSignificantBits())
			.putLong(id.getLeastSignificantBits())
			.putLong(clock.instant().getEpochSecond())
			.put(nonce)
			.array();
		var encoder = Base64.getUrlEncoder().withoutPadding();
		String value = encoder.encodeToString(payload) + "." + encoder.encodeToString(mac(payload));
		boolean secure = properties.session().secureCookie();
		var cookie = new Cookie(secure ? "__Host-" + NAME : NAME, value);
		cookie.setPath("/");
		cookie.setHttpOnly(true);
		cookie.setSecure(secure);
		cookie.setMaxAge((int) VALIDITY.toSeconds());
		cookie.setAttribute("SameSite", "Strict");
		response.addCookie(cookie);
	}

	/** The cookie's value as sent, if any (checked later, against the account it names). */
	static @Nullable String read(HttpServletRequest request) {
		if (request.getCookies() == null) {
			return null;
		}
		for (Cookie cookie : request.getCookies()) {
			if ((cookie.getName().equals(NAME) || cookie.getName().equals("__Host-" + NAME)) && cookie.getValue() != null
					&& cookie.getValue().length() < 200) {
				return cookie.getValue();
			}
		}
		return null;
	}

	/** The device, when the cookie is authentic, recent and was issued to this account. */
	Optional<Device> verify(@Nullable String value, Account account) {
		if (value == null) {
			return Optional.empty();
		}
		int dot = value.indexOf('.');
		if (dot < 0) {
			return Optional.empty();
		}
		byte[] payload;
		byte[] mac;
		try {
			payload = Base64.getUrlDecoder().decode(value.substring(0, dot));
			mac = Base64.getUrlDecoder().decode(value.substring(dot + 1));
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
		if (payload.length != 40 || !MessageDigest.isEqual(mac, mac(payload))) {
			return Optional.empty();
		}
		var buffer = ByteBuffer.wrap(payload);
		var id = new UUID(buffer.getLong(), buffer.getLong());
		Instant issued = Instant.ofEpochSecond(buffer.getLong());
		if (!id.equals(account.id().value()) || issued.plus(VALIDITY).isBefore(clock.instant())
				|| issued.isBefore(account.passwordChangedAt().minusSeconds(1))) {
			return Optional.empty();
		}
		return Optional.of(new Device("device:" + HexFormat.of().formatHex(payload, 24, 40)));
	}

	private byte[] mac(byte[] payload) {
		return cipher.blindIndex(MAC_PURPOSE, HexFormat.of().formatHex(payload)).bytes();
	}
}
