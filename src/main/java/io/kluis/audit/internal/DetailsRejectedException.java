package io.kluis.audit.internal;

/** An audit entry was refused by {@link PersonalDataGuard}; the message never contains the refused value. */
class DetailsRejectedException extends IllegalArgumentException {

	DetailsRejectedException(String message) {
		super(message);
	}
}
