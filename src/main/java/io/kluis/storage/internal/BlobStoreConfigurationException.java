package io.kluis.storage.internal;

import io.kluis.shared.StartupRefusal;
import java.util.List;

/**
 * The blob store's configuration cannot be used, so Kluis does not start. The message names each
 * property at fault and why, never a credential.
 */
class BlobStoreConfigurationException extends StartupRefusal {

	private static final long serialVersionUID = 1L;

	private final List<String> problems;

	BlobStoreConfigurationException(List<String> problems) {
		super("The blob store is not configured correctly: " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	List<String> problems() {
		return problems;
	}
}
