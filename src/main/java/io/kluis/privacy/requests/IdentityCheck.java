package io.kluis.privacy.requests;

/**
 * How the requester's identity was checked: the least intrusive way that suffices (RIG-7). The
 * confirmation link to the address the data belongs to is the default; an ID copy only when the
 * privacy officer asks for one, with a reason.
 */
public enum IdentityCheck {
	/** Not checked yet (awaiting confirmation). */
	NONE,
	/** The requester used the link mailed to the address. */
	EMAIL_CONFIRMED,
	/** The privacy officer asked for an ID copy; none uploaded yet. */
	ID_COPY_REQUESTED,
	/** An ID copy is waiting for the privacy officer's check. */
	ID_COPY_RECEIVED,
	/** The ID copy matched; the copy was deleted. */
	ID_VERIFIED,
	/** The ID copy did not match; the copy was deleted. */
	ID_REJECTED
}
