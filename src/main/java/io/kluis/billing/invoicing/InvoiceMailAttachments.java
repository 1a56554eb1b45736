package io.kluis.billing.invoicing;

import io.kluis.notifications.MailAttachment;
import io.kluis.notifications.MailAttachmentSource;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Attaches an invoice's (or credit note's) PDF and UBL e-invoice to its mail when the outbox sends it.
 * The mail refers to the invoice by id only; the files are rendered from the fiscal record at send
 * time. An invoice that no longer exists (deleted after the retention period) gives no files.
 */
@Component
class InvoiceMailAttachments implements MailAttachmentSource {

	private final InvoiceFiles files;

	InvoiceMailAttachments(InvoiceFiles files) {
		this.files = files;
	}

	@Override
	public String id() {
		return SubscriptionInvoicing.ATTACHMENTS;
	}

	@Override
	public List<MailAttachment> attachmentsFor(String reference) {
		return files.find(reference).map(invoice -> {
			var pdf = files.pdf(invoice);
			var ubl = files.ubl(invoice);
			return List.of(new MailAttachment(pdf.filename(), pdf.contentType(), pdf.content()),
					new MailAttachment(ubl.filename(), ubl.contentType(), ubl.content()));
		}).orElse(List.of());
	}
}
