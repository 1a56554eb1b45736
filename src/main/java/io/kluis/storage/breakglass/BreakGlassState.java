package io.kluis.storage.breakglass;

/** Where a break-glass request stands. Only {@link #APPROVED}, before its expiry, gives access. */
public enum BreakGlassState {

	/** Filed, waiting for a second staff member; grants nothing. */
	REQUESTED,
	/** Approved by a second staff member: access until {@code expiresAt}. */
	APPROVED,
	/** Declined (or withdrawn by the requester): granted nothing. */
	DECLINED,
	/** Not decided in time, or the approved period ended. */
	EXPIRED,
	/** Access ended early by staff, or because the customer was erased. */
	REVOKED;

	public boolean isOpen() {
		return this == REQUESTED || this == APPROVED;
	}
}
