package io.kluis.storage.content;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.storage.files.Node;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Short-lived download tickets for the content origin: the link a panel download is redirected to.
 * A ticket names one file (node, space and the version's etag) and its expiry, and is signed with a
 * keyed HMAC of this installation ({@link PersonalDataCipher#blindIndex}, a per-field key derived
 * from the master key, so every node of a cluster checks the others' tickets). Nothing is stored:
 * a ticket works until it expires, for that one version of that one file, for whoever holds it;
 * hence the short validity. It holds ids only, never a name, so the URL reveals nothing.
 */
@Component
class DownloadTickets {

	static final String FIELD = "storage.content-ticket";

	private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{20,400}\\.[A-Za-z0-9_-]{16,64}");

	/** What a valid ticket grants. */
	record Ticket(UUID node, UUID space, String etag, Instant expires) {
	}

	private final PersonalDataCipher cipher;

	private final ContentOriginProperties properties;

	private final Clock clock;

	DownloadTickets(PersonalDataCipher cipher, ContentOriginProperties properties, Clock clock) {
		this.cipher = cipher;
		this.properties = properties;
		this.clock = clock;
	}

	String issue(Node file) {
		Instant expires = clock.instant().plus(properties.contentTicketValidity());
		String payload = "v1|" + file.id() + "|" + file.space() + "|" + file.etag() + "|" + expires.getEpochSecond();
		return encode(payload.getBytes(StandardCharsets.UTF_8)) + "." + encode(mac(payload));
	}

	/** The ticket's grant, if it is well-formed, signed by this installation and not expired. */
	Optional<Ticket> redeem(String ticket) {
		if (!SHAPE.matcher(ticket).matches()) {
			return Optional.empty();
		}
		int dot = ticket.indexOf('.');
		String payload;
		byte[] signature;
		try {
			payload = new String(Base64.getUrlDecoder().decode(ticket.substring(0, dot)), StandardCharsets.UTF_8);
			signature = Base64.getUrlDecoder().decode(ticket.substring(dot + 1));
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
		if (!MessageDigest.isEqual(mac(payload), signature)) {
			return Optional.empty();
		}
		String[] parts = payload.split("\\|");
		if (parts.length != 5 || !parts[0].equals("v1")) {
			return Optional.empty();
		}
		Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[4]));
		if (!clock.instant().isBefore(expires)) {
			return Optional.empty();
		}
		return Optional.of(new Ticket(UUID.fromString(parts[1]), UUID.fromString(parts[2]), parts[3], expires));
	}

	private byte[] mac(String payload) {
		return cipher.blindIndex(FIELD, payload).bytes();
	}

	private static String encode(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}
}
