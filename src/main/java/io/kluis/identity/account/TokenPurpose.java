package io.kluis.identity.account;

/** What a mailed single-use link is for; a token only works for its own purpose. */
public enum TokenPurpose {
	VERIFY_EMAIL, RESET_PASSWORD, UNLOCK, CHANGE_EMAIL, SETUP;

	/** The purpose as bound into the token's hash, e.g. {@code reset-password}. */
	String code() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}
}
