package io.kluis.privacy.requests;

import io.kluis.shared.EmailAddress;
import org.jspecify.annotations.Nullable;

/** What the requester wrote: personal data, sealed at rest, opened only for the requester's mails and the privacy officer. */
public record RequestContents(EmailAddress email, @Nullable String name, String message) {

	public static final int MAX_NAME = 200;

	public static final int MAX_MESSAGE = 5000;

	@Override
	public String toString() {
		return "RequestContents[***]";
	}
}
