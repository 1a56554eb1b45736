package io.kluis.notifications;

import io.kluis.shared.AccountId;
import java.time.Instant;
import java.util.List;

/**
 * Sends transactional mail. The only entry point other modules use; see the package documentation
 * for the template conventions.
 */
public interface Notifications {

	/**
	 * Renders the mail now and queues it in the caller's transaction (joining it, or starting one
	 * when there is none): if that transaction rolls back, nothing is sent; once it commits, the mail
	 * is sent at least once, retried with backoff, even across a restart. Retries reuse one
	 * Message-ID so a receiving server can drop a duplicate.
	 *
	 * @throws IllegalArgumentException when the template or one of its subject values is missing
	 * @throws io.kluis.crypto.DataKeyDestroyedException when the mail's subject was crypto-shredded
	 */
	MailId send(Mail mail);

	/**
	 * An absolute link to this installation: {@code kluis.base-url} followed by the path and query,
	 * e.g. {@code link("/verify?token=…")}. Put the result in the mail model.
	 */
	String link(String pathAndQuery);

	/**
	 * Deletes every queued, sent and viewer copy of the subject's mails (for erasure); mails not yet
	 * sent are not sent. Returns the number of rows removed. Mails sent without a subject are not
	 * affected; their keys are destroyed when retention ends.
	 */
	int eraseFor(AccountId subject);

	/**
	 * Every mail the outbox holds for the subject (queued, sent or failed), oldest first, for an
	 * access request. Mails whose key was destroyed are unreadable and left out.
	 */
	List<SentMail> mailsAbout(AccountId subject);

	/**
	 * Retention of sent mail: deletes mails sent or finally failed before the cutoff (with their
	 * mail-viewer copies) and destroys the own key of mails without a subject, in batches of their
	 * own transactions, joining the caller's transaction if there is one. With {@code dryRun} it only
	 * counts. Queued mails are never touched. Idempotent.
	 *
	 * @return the number of outbox mails removed (or, with {@code dryRun}, that would be)
	 */
	int purgeSentBefore(Instant cutoff, boolean dryRun);

	/**
	 * Sends every mail that is due, now, on the calling thread, and returns how many were delivered.
	 * The scheduled dispatcher does the same every {@code kluis.notifications.dispatch-interval};
	 * this is for tests and for an administrator's "send now".
	 */
	int flush();
}
