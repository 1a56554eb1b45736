package io.kluis.notifications.internal;

import io.kluis.notifications.MailCategory;
import io.kluis.notifications.MailId;
import io.kluis.shared.AccountId;
import org.jspecify.annotations.Nullable;

/**
 * A mail in the outbox as stored: ids and delivery state in the clear, the message sealed under
 * {@code keyOwner}, which is the mail's subject or, for a mail without one, a random id of its own.
 */
record OutboxEntry(MailId id, @Nullable AccountId subject, AccountId keyOwner, MailCategory category,
		String template, String messageId, int attempts, MailSealer.SealedMail message) {
}
