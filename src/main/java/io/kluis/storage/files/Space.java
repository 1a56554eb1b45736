package io.kluis.storage.files;

import io.kluis.shared.AccountId;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One of a customer's storage spaces, reachable as {@code /dav/<name>/}.
 *
 * @param name lower-case letters, digits and dashes; unique per customer
 */
public record Space(UUID id, AccountId account, String name, SpaceKind kind, Instant createdAt) {

	private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?");

	/** The vault every customer has. */
	public static final String DEFAULT_VAULT = "vault";

	/** The plain space a customer gets when their account is verified (the README's WebDAV address). */
	public static final String DEFAULT_FILES = "files";

	public static boolean isValidName(String name) {
		return NAME.matcher(name).matches();
	}
}
