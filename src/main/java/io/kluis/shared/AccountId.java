package io.kluis.shared;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies an account (customer or staff) across module boundaries. Random, so it can appear in
 * URLs and logs without revealing anything about the person.
 */
public record AccountId(UUID value) implements java.io.Serializable {

	public AccountId {
		Objects.requireNonNull(value, "value");
	}

	public static AccountId random() {
		return new AccountId(UUID.randomUUID());
	}

	/** @throws IllegalArgumentException when the text is not a UUID */
	public static AccountId parse(String text) {
		return new AccountId(UUID.fromString(text));
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
