package io.kluis.notifications.internal;

/**
 * Where the dispatcher hands a mail: an SMTP server ({@link SmtpMailTransport}) or, on an
 * installation without one, the local mail viewer ({@link DevMailboxTransport}). Delivery must be
 * idempotent per {@link OutgoingMail#id()} as far as the adapter can make it: after a crash the same
 * mail may be handed over again.
 */
interface MailTransport {

	/** @throws MailDeliveryException when the mail was not accepted; its code says why, without personal data */
	void deliver(OutgoingMail mail);

	/** Whether mail ends up in the local mail viewer instead of real mailboxes. */
	default boolean isLocalViewer() {
		return false;
	}
}
