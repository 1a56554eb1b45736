package io.kluis.notifications.internal;

import java.time.Clock;

/**
 * The transport of an installation without SMTP ({@code spring.mail.host} unset): mail is kept,
 * sealed, for administrators to read at {@code /admin/mail}. Nothing leaves the machine.
 */
class DevMailboxTransport implements MailTransport {

	private final DevMailbox mailbox;

	private final MailSealer sealer;

	private final Clock clock;

	DevMailboxTransport(DevMailbox mailbox, MailSealer sealer, Clock clock) {
		this.mailbox = mailbox;
		this.sealer = sealer;
		this.clock = clock;
	}

	@Override
	public void deliver(OutgoingMail mail) {
		mailbox.store(mail, sealer.seal(MailSealer.DEV_MAILBOX, mail.keyOwner(), mail.content()), clock.instant());
	}

	@Override
	public boolean isLocalViewer() {
		return true;
	}
}
