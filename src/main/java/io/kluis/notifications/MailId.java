package io.kluis.notifications;

import java.util.Objects;
import java.util.UUID;

/** Identifies one queued mail; random, so it can appear in logs and audit details. */
public record MailId(UUID value) {

	public MailId {
		Objects.requireNonNull(value, "value");
	}

	public static MailId random() {
		return new MailId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
