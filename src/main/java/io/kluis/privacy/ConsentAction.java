package io.kluis.privacy;

/** What a proof record proves. */
public enum ConsentAction {
	/** A newsletter sign-up, before the address owner confirmed it. */
	REQUESTED,
	/** The address owner confirmed the sign-up from the mailed link: consent given (CON-1). */
	CONFIRMED,
	/** A cookie choice by category (CON-2); the granted categories are in the record. */
	CHOSEN,
	/** Consent taken back: an unsubscribe, or a cookie choice that revokes everything granted before. */
	WITHDRAWN
}
