package io.kluis.notifications;

import java.util.List;

/**
 * Provides the files of a mail's {@link Mail.AttachmentReference attachments} when the outbox sends
 * it, so the outbox stores only a reference (no file contents, nothing personal in the clear) and a
 * module above notifications can attach what it owns (billing: an invoice's PDF and e-invoice) without
 * notifications knowing it. A Spring bean; its {@link #id()} is unique.
 *
 * <p>Called outside any transaction, possibly more than once for one mail (a retried delivery), on any
 * node. Throwing makes the delivery fail and be retried with the outbox's backoff; a reference that
 * will never resolve (the document was deleted) should return an empty list, and the mail then goes
 * out without those files.
 */
public interface MailAttachmentSource {

	/** The source id mails refer to, e.g. {@code billing-invoice}. */
	String id();

	/** The files for the reference, in the order they are attached. */
	List<MailAttachment> attachmentsFor(String reference);
}
