package io.kluis.identity.account;

/** Lifecycle of an account. Only {@link #ACTIVE} accounts can log in. */
public enum AccountStatus {
	/** Registered, email not yet verified; deleted after the verification period. */
	UNVERIFIED,
	ACTIVE,
	/** Blocked by staff (abuse, a minor's account under review, non-payment). */
	BLOCKED,
	/** Closed by the customer; personal data erased, only legal holds remain. */
	CLOSED
}
