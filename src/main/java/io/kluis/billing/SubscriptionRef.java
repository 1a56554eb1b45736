package io.kluis.billing;

import java.util.Objects;
import java.util.UUID;

/** A subscription's id, the typed reference other modules keep (a provisioner, the invoicing, payments). */
public record SubscriptionRef(UUID value) {

	public SubscriptionRef {
		Objects.requireNonNull(value, "value");
	}

	public static SubscriptionRef parse(String value) {
		return new SubscriptionRef(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
