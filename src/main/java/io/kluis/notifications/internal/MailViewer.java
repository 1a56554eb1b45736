package io.kluis.notifications.internal;

import io.kluis.crypto.DataKeyDestroyedException;
import io.kluis.notifications.MailId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Reads the local mail viewer for administrators (development installations without SMTP). A mail
 * whose key was destroyed (its subject erased) shows as erased rather than failing the page.
 */
@Service
public class MailViewer {

	/** One line of the list; {@code recipient} and {@code subjectLine} are null when erased. */
	public record Summary(MailId id, Instant deliveredAt, String template, String category,
			@Nullable String recipient, @Nullable String subjectLine) {

		public boolean erased() {
			return recipient == null;
		}

		@Override
		public String toString() {
			return "Summary[id=" + id + ", template=" + template + "]";
		}
	}

	/** One mail in full. {@code html} is the raw HTML body: show it escaped or in a sandboxed frame only. */
	public record View(MailId id, Instant deliveredAt, String template, String category, String messageId,
			String recipient, String subjectLine, String text, String html, Map<String, String> headers) {

		@Override
		public String toString() {
			return "View[id=" + id + ", template=" + template + "]";
		}
	}

	private static final int PAGE = 100;

	private final DevMailbox mailbox;

	private final MailSealer sealer;

	private final MailTransport transport;

	MailViewer(DevMailbox mailbox, MailSealer sealer, MailTransport transport) {
		this.mailbox = mailbox;
		this.sealer = sealer;
		this.transport = transport;
	}

	/** False when SMTP is configured: mail then goes out and this viewer only shows older mails. */
	public boolean inUse() {
		return transport.isLocalViewer();
	}

	/** The latest mails, newest first. */
	public List<Summary> latest() {
		return mailbox.latest(PAGE).stream().map(this::summary).toList();
	}

	/** The mail, or empty when it does not exist or its key was destroyed. */
	public Optional<View> find(MailId id) {
		return mailbox.find(id).flatMap(row -> {
			try {
				RenderedMail mail = sealer.open(MailSealer.DEV_MAILBOX, row.keyOwner(), row.message());
				return Optional.of(new View(row.id(), row.deliveredAt(), row.template(), row.category().name(),
						row.messageId(), mail.recipient(), mail.subjectLine(), mail.text(), mail.html(), mail.headers()));
			}
			catch (DataKeyDestroyedException e) {
				return Optional.empty();
			}
		});
	}

	private Summary summary(DevMailbox.Row row) {
		try {
			var envelope = sealer.openEnvelope(MailSealer.DEV_MAILBOX, row.keyOwner(), row.message());
			return new Summary(row.id(), row.deliveredAt(), row.template(), row.category().name(),
					envelope.recipient(), envelope.subjectLine());
		}
		catch (DataKeyDestroyedException e) {
			return new Summary(row.id(), row.deliveredAt(), row.template(), row.category().name(), null, null);
		}
	}
}
