package io.kluis.notifications.internal;

import io.kluis.crypto.Sealed;
import io.kluis.notifications.MailCategory;
import io.kluis.notifications.MailId;
import io.kluis.shared.AccountId;
import org.jspecify.annotations.Nullable;

/**
 * A mail in the outbox as stored: ids and delivery state in the clear, the message sealed under
 * {@code keyOwner}, which is the mail's subject or, for a mail without one, a random id of its own.
 * {@code attachments}, when the mail has any, holds their references (sealed too), one
 * {@code source reference} per line; the files are fetched at send time.
 */
record OutboxEntry(MailId id, @Nullable AccountId subject, AccountId keyOwner, MailCategory category,
		String template, String messageId, int attempts, MailSealer.SealedMail message, @Nullable Sealed attachments) {
}
