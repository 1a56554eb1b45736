package io.kluis.identity.credentials;

/**
 * Port to a breached-password corpus. Implementations must fail open ({@link Status#UNKNOWN}) rather
 * than throw, and must never send the password or its full hash anywhere.
 */
@FunctionalInterface
public interface PwnedPasswords {

	enum Status {
		/** Found in the corpus: refuse. */
		BREACHED,
		/** Looked up and not found. */
		NOT_FOUND,
		/** Not looked up (disabled) or the lookup failed. */
		UNKNOWN
	}

	Status check(CharSequence password);

	/** The default: no lookup at all ({@code kluis.identity.passwords.hibp-enabled=false}). */
	static PwnedPasswords disabled() {
		return password -> Status.UNKNOWN;
	}
}
