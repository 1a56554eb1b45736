package io.kluis.notifications;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file attached to a mail, as a {@link MailAttachmentSource} provides it at send time.
 * {@link #toString()} shows the content type and size only: the content may be personal data.
 *
 * @param filename the name the recipient sees, e.g. {@code invoice-2026-000001.pdf} (no path, no personal data)
 * @param contentType the MIME type, e.g. {@code application/pdf}
 */
public record MailAttachment(String filename, String contentType, byte[] content) {

	private static final Pattern FILENAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

	private static final Pattern CONTENT_TYPE = Pattern.compile("[a-z]+/[a-z0-9.+-]+");

	public MailAttachment {
		Objects.requireNonNull(filename, "filename");
		Objects.requireNonNull(contentType, "contentType");
		Objects.requireNonNull(content, "content");
		if (!FILENAME.matcher(filename).matches()) {
			throw new IllegalArgumentException("attachment file name must be 1-100 characters of A-Z a-z 0-9 . _ -");
		}
		if (!CONTENT_TYPE.matcher(contentType).matches()) {
			throw new IllegalArgumentException("attachment content type must look like 'application/pdf'");
		}
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof MailAttachment a && filename.equals(a.filename) && contentType.equals(a.contentType)
				&& java.util.Arrays.equals(content, a.content);
	}

	@Override
	public int hashCode() {
		return Objects.hash(filename, contentType, java.util.Arrays.hashCode(content));
	}

	@Override
	public String toString() {
		return "MailAttachment[" + contentType + ", " + content.length + " bytes]";
	}
}
