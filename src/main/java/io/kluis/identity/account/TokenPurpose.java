package io.kluis.identity.account;

/** What a mailed single-use link is for; a token only works for its own purpose. */
public enum TokenPurpose {
	VERIFY_EMAIL, RESET_PASSWORD, UNLOCK, CHANGE_EMAIL, SETUP
}
