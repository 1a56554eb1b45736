package io.kluis.shared.web;

import java.util.List;

/**
 * The message bundles a module brings (basenames on the class path, such as {@code i18n/storage}
 * for {@code i18n/storage.properties} and {@code i18n/storage_nl.properties}). A module publishes
 * one as a bean; {@link MessageSourceConfiguration} builds the application's message source from
 * all of them, so no central list names every module's bundle. Keys are prefixed with the module
 * or feature ({@code storage.}), so bundles do not overlap.
 */
public record MessageBundles(String owner, List<String> basenames) {

	public MessageBundles {
		if (owner == null || owner.isBlank()) {
			throw new IllegalArgumentException("owner must not be blank");
		}
		basenames = List.copyOf(basenames);
		if (basenames.isEmpty()) {
			throw new IllegalArgumentException(owner + ": no message bundle named");
		}
	}

	public static MessageBundles of(String owner, String... basenames) {
		return new MessageBundles(owner, List.of(basenames));
	}
}
