package io.kluis.notifications.internal;

import io.kluis.crypto.DataKeyDestroyedException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers due outbox mails: claims a small batch (its own short transaction), hands each mail to
 * the {@link MailTransport} outside any transaction, and records the outcome. A failed attempt is
 * retried after {@link NotificationsProperties#backoff()}; after {@code max-attempts} the mail is
 * FAILED. Safe on several nodes at once: claims are exclusive and expire after the lease, so a
 * node that dies mid-send only delays its mails.
 */
@Component
class OutboxDispatcher {

	private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

	/** Upper bound of batches per run, so one run cannot monopolise a node. */
	private static final int MAX_BATCHES_PER_RUN = 50;

	private final Outbox outbox;

	private final MailSealer sealer;

	private final MailTransport transport;

	private final NotificationsProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final java.util.Map<String, io.kluis.notifications.MailAttachmentSource> attachmentSources;

	OutboxDispatcher(Outbox outbox, MailSealer sealer, MailTransport transport, NotificationsProperties properties,
			PlatformTransactionManager transactionManager, Clock clock,
			List<io.kluis.notifications.MailAttachmentSource> attachmentSources) {
		var sources = new java.util.HashMap<String, io.kluis.notifications.MailAttachmentSource>();
		for (var source : attachmentSources) {
			if (sources.put(source.id(), source) != null) {
				throw new IllegalStateException("two mail attachment sources have the id " + source.id());
			}
		}
		this.attachmentSources = java.util.Map.copyOf(sources);
		this.outbox = outbox;
		this.sealer = sealer;
		this.transport = transport;
		this.properties = properties;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/** Delivers what is due now; returns how many mails were delivered. */
	int dispatchDue() {
		int abandoned = transactions.execute(tx -> outbox.failAbandoned(clock.instant(), properties.maxAttempts()));
		if (abandoned > 0) {
			log.warn("event=notifications.mail.abandoned count={}", abandoned);
		}
		int delivered = 0;
		for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
			List<Outbox.Claimed> claimed = claim();
			for (Outbox.Claimed mail : claimed) {
				delivered += deliver(mail) ? 1 : 0;
			}
			if (claimed.size() < properties.batchSize()) {
				break;
			}
		}
		return delivered;
	}

	private List<Outbox.Claimed> claim() {
		Instant now = clock.instant();
		return transactions.execute(tx -> outbox.claimDue(now, now.plus(properties.lease()), properties.batchSize(),
				properties.maxAttempts()));
	}

	private boolean deliver(Outbox.Claimed claimed) {
		var entry = claimed.entry();
		try {
			RenderedMail content = sealer.open(MailSealer.OUTBOX, entry.keyOwner(), entry.message());
			var attachments = entry.attachments() == null ? List.<io.kluis.notifications.MailAttachment>of()
					: attachments(sealer.openAttachments(entry.keyOwner(), entry.attachments()));
			transport.deliver(new OutgoingMail(entry.id(), entry.messageId(), entry.subject(), entry.keyOwner(),
					entry.category(), entry.template(), content, attachments));
		}
		catch (DataKeyDestroyedException e) {
			// The subject was erased while the mail waited: it must not go out.
			fail(claimed, "key-destroyed");
			return false;
		}
		catch (MailDeliveryException e) {
			if (e.permanent() || entry.attempts() >= properties.maxAttempts()) {
				fail(claimed, e.code());
			}
			else {
				retry(claimed, e.code());
			}
			return false;
		}
		catch (RuntimeException e) {
			String code = "error-" + e.getClass().getSimpleName();
			if (entry.attempts() >= properties.maxAttempts()) {
				fail(claimed, code);
			}
			else {
				retry(claimed, code);
			}
			return false;
		}
		if (!transactions.execute(tx -> outbox.markSent(claimed, clock.instant()))) {
			log.warn("event=notifications.mail.claim-lost mail={}", entry.id());
		}
		log.info("event=notifications.mail.sent mail={} template={} attempt={}", entry.id(), entry.template(),
				entry.attempts());
		return true;
	}

	/**
	 * The files of the stored references, from their sources. An unknown source (a node that does not
	 * have it yet, during a rolling update) or a failing one makes the attempt fail and be retried.
	 */
	private List<io.kluis.notifications.MailAttachment> attachments(String references) {
		var files = new java.util.ArrayList<io.kluis.notifications.MailAttachment>();
		for (String line : references.split("\n")) {
			int space = line.indexOf(' ');
			if (space <= 0) {
				continue;
			}
			var source = attachmentSources.get(line.substring(0, space));
			if (source == null) {
				throw new MailDeliveryException("attachment-source-unknown", false);
			}
			try {
				files.addAll(source.attachmentsFor(line.substring(space + 1)));
			}
			catch (RuntimeException e) {
				throw new MailDeliveryException("attachment-" + e.getClass().getSimpleName(), false);
			}
		}
		return files;
	}

	private void retry(Outbox.Claimed claimed, String code) {
		int attempts = claimed.entry().attempts();
		Instant next = clock.instant().plus(properties.backoffAfter(attempts));
		transactions.execute(tx -> outbox.reschedule(claimed, next, truncate(code)));
		log.warn("event=notifications.mail.retry mail={} attempt={} error={} next={}", claimed.id(), attempts, code, next);
	}

	private void fail(Outbox.Claimed claimed, String code) {
		transactions.execute(tx -> outbox.markFailed(claimed, clock.instant(), truncate(code)));
		log.error("event=notifications.mail.failed mail={} template={} attempts={} error={}", claimed.id(),
				claimed.entry().template(), claimed.entry().attempts(), code);
	}

	private static String truncate(String code) {
		return code.length() <= 64 ? code : code.substring(0, 64);
	}
}
