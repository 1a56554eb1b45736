package io.kluis.privacy.requests;

/** Where a request is. Only confirmed requests are in the privacy officer's queue. */
public enum RequestState {
	/** Submitted; the confirmation link mailed to the address has not been used yet. */
	AWAITING_CONFIRMATION,
	/** Confirmed by the owner of the address; the deadline clock runs. */
	OPEN,
	/** Answered or refused and closed by the privacy officer. */
	CLOSED
}
