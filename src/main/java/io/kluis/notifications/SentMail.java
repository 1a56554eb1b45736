package io.kluis.notifications;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A mail the outbox still holds for a subject, as a data-subject access request shows it (RIG-1):
 * to whom, what it was called, which template, when and whether it went out. Not the body: it is
 * rendered from the same data the other categories export, plus single-use link tokens that must
 * not travel in an export. {@link #toString()} shows ids only.
 *
 * @param status QUEUED, SENDING, SENT or FAILED
 */
public record SentMail(MailId id, String template, MailCategory category, String recipient, String subjectLine,
		String status, Instant queuedAt, @Nullable Instant sentAt, @Nullable Instant failedAt) {

	@Override
	public String toString() {
		return "SentMail[" + id + ", " + template + ", " + status + "]";
	}
}
