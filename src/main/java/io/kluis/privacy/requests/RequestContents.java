package io.kluis.privacy.requests;

import io.kluis.shared.EmailAddress;
import io.kluis.shared.web.InvalidInputException;
import org.jspecify.annotations.Nullable;

/** What the requester wrote: personal data, sealed at rest, opened only for the requester's mails and the privacy officer. */
public record RequestContents(EmailAddress email, @Nullable String name, String message) {

	public static final int MAX_NAME = 200;

	public static final int MAX_MESSAGE = 5000;

	/**
	 * The contents as every intake records them (the public form and staff entry alike): a valid
	 * address, an optional name, a message; stripped.
	 *
	 * @throws InvalidInputException naming the field (never repeating the value)
	 */
	public static RequestContents of(String email, @Nullable String name, String message) {
		if (email == null || !EmailAddress.isValid(email)) {
			throw new InvalidInputException("email", "requests.invalid.email");
		}
		String trimmedName = name == null || name.isBlank() ? null : name.strip();
		if (trimmedName != null && trimmedName.length() > MAX_NAME) {
			throw new InvalidInputException("name", "requests.invalid.name");
		}
		if (message == null || message.length() > MAX_MESSAGE) {
			throw new InvalidInputException("message", "requests.invalid.message");
		}
		return new RequestContents(EmailAddress.of(email), trimmedName, message.strip());
	}

	@Override
	public String toString() {
		return "RequestContents[***]";
	}
}
