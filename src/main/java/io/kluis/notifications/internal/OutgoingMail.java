package io.kluis.notifications.internal;

import io.kluis.notifications.MailAttachment;
import io.kluis.notifications.MailCategory;
import java.util.List;
import io.kluis.notifications.MailId;
import io.kluis.shared.AccountId;
import org.jspecify.annotations.Nullable;

/** A mail on its way to the transport, opened from the outbox. Prints ids only. */
record OutgoingMail(MailId id, String messageId, @Nullable AccountId subject, AccountId keyOwner,
		MailCategory category, String template, RenderedMail content, List<MailAttachment> attachments) {

	OutgoingMail {
		attachments = List.copyOf(attachments);
	}

	OutgoingMail(MailId id, String messageId, @Nullable AccountId subject, AccountId keyOwner, MailCategory category,
			String template, RenderedMail content) {
		this(id, messageId, subject, keyOwner, category, template, content, List.of());
	}

	@Override
	public String toString() {
		return "OutgoingMail[id=" + id + ", template=" + template + ", category=" + category + ", attachments="
				+ attachments.size() + "]";
	}
}
