package io.kluis.privacy;

import java.util.UUID;

/** A recorded disclosure (SHR-1). */
public record DisclosureId(UUID value) {

	public DisclosureId {
		if (value == null) {
			throw new IllegalArgumentException("a disclosure id needs a value");
		}
	}

	public static DisclosureId random() {
		return new DisclosureId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
