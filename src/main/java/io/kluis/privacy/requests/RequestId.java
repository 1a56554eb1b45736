package io.kluis.privacy.requests;

import java.util.Objects;
import java.util.UUID;

/** Identifies a data-subject request. Random, so it can appear in URLs, mails to staff and the audit trail. */
public record RequestId(UUID value) {

	public RequestId {
		Objects.requireNonNull(value, "value");
	}

	public static RequestId random() {
		return new RequestId(UUID.randomUUID());
	}

	/** @throws IllegalArgumentException when the text is not a UUID */
	public static RequestId parse(String text) {
		return new RequestId(UUID.fromString(text));
	}

	/** The first eight hex digits: enough for people to tell requests apart in a mail or on the phone. */
	public String reference() {
		return value.toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
