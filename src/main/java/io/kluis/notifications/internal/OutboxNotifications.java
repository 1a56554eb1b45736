package io.kluis.notifications.internal;

import io.kluis.notifications.Mail;
import io.kluis.notifications.MailId;
import io.kluis.notifications.Notifications;
import io.kluis.notifications.SentMail;
import io.kluis.shared.AccountId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link Notifications} through the transactional outbox: the mail is rendered, sealed and inserted
 * in the caller's transaction; {@link OutboxDispatcher} delivers it after commit.
 */
@Service
class OutboxNotifications implements Notifications {

	private static final Logger log = LoggerFactory.getLogger(OutboxNotifications.class);

	private final MailRenderer renderer;

	private final MailSealer sealer;

	private final Outbox outbox;

	private final DevMailbox devMailbox;

	private final OutboxDispatcher dispatcher;

	private final OutboxRetention retention;

	private final BaseUrl baseUrl;

	private final Clock clock;

	OutboxNotifications(MailRenderer renderer, MailSealer sealer, Outbox outbox, DevMailbox devMailbox,
			OutboxDispatcher dispatcher, OutboxRetention retention, BaseUrl baseUrl, Clock clock) {
		this.renderer = renderer;
		this.sealer = sealer;
		this.outbox = outbox;
		this.devMailbox = devMailbox;
		this.dispatcher = dispatcher;
		this.retention = retention;
		this.baseUrl = baseUrl;
		this.clock = clock;
	}

	@Override
	@Transactional(propagation = Propagation.REQUIRED)
	public MailId send(Mail mail) {
		RenderedMail rendered = renderer.render(mail);
		MailId id = MailId.random();
		// A mail without subject gets a data key of its own, destroyed when retention ends.
		AccountId keyOwner = mail.subject() != null ? mail.subject() : AccountId.random();
		String messageId = "<" + id + "@" + baseUrl.host() + ">";
		var attachments = mail.attachments().isEmpty() ? null
				: sealer.sealAttachments(keyOwner, mail.attachments().stream()
					.map(a -> a.source() + " " + a.reference())
					.collect(java.util.stream.Collectors.joining("\n")));
		outbox.insert(new OutboxEntry(id, mail.subject(), keyOwner, mail.category(), mail.template(), messageId, 0,
				sealer.seal(MailSealer.OUTBOX, keyOwner, rendered), attachments), clock.instant());
		log.debug("event=notifications.mail.queued mail={} template={} subject={}", id, mail.template(), mail.subject());
		return id;
	}

	@Override
	public String link(String pathAndQuery) {
		return baseUrl.link(pathAndQuery);
	}

	@Override
	@Transactional
	public int eraseFor(AccountId subject) {
		int removed = outbox.deleteSubject(subject) + devMailbox.deleteSubject(subject);
		log.info("event=notifications.subject.erased subject={} rows={}", subject, removed);
		return removed;
	}

	@Override
	@Transactional(readOnly = true)
	public List<SentMail> mailsAbout(AccountId subject) {
		return outbox.about(subject, (row, sealed) -> {
			var envelope = sealer.openEnvelope(MailSealer.OUTBOX, row.keyOwner(), sealed);
			return new SentMail(row.id(), row.template(), row.category(), envelope.recipient(), envelope.subjectLine(),
					row.status(), row.queuedAt(), row.sentAt(), row.failedAt());
		});
	}

	@Override
	public int purgeSentBefore(Instant cutoff, boolean dryRun) {
		return retention.purgeBefore(cutoff, dryRun);
	}

	@Override
	public int flush() {
		return dispatcher.dispatchDue();
	}
}
