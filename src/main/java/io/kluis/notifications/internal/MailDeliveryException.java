package io.kluis.notifications.internal;

/**
 * A transport did not accept a mail. The message is a stable error code (e.g. {@code smtp-connect}),
 * never the server's reply text, which often repeats the recipient's address.
 */
class MailDeliveryException extends RuntimeException {

	private final boolean permanent;

	MailDeliveryException(String code, boolean permanent) {
		super(code, null, false, false);
		this.permanent = permanent;
	}

	String code() {
		return getMessage();
	}

	/** Retrying cannot help (the server refused the recipient for good, the message is malformed). */
	boolean permanent() {
		return permanent;
	}
}
