package io.kluis.privacy.requests;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The file types accepted as an ID copy, recognised by their first bytes (what the browser or the
 * file name claims is not trusted): JPEG, PNG, WebP and PDF.
 */
public enum IdCopyType {
	JPEG("image/jpeg"), PNG("image/png"), WEBP("image/webp"), PDF("application/pdf");

	private static final byte[] PNG_MAGIC = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	private final String contentType;

	IdCopyType(String contentType) {
		this.contentType = contentType;
	}

	public String contentType() {
		return contentType;
	}

	public static Optional<IdCopyType> sniff(byte[] content) {
		if (content.length >= 3 && (content[0] & 0xff) == 0xff && (content[1] & 0xff) == 0xd8 && (content[2] & 0xff) == 0xff) {
			return Optional.of(JPEG);
		}
		if (startsWith(content, 0, PNG_MAGIC)) {
			return Optional.of(PNG);
		}
		if (startsWith(content, 0, ascii("RIFF")) && startsWith(content, 8, ascii("WEBP"))) {
			return Optional.of(WEBP);
		}
		if (startsWith(content, 0, ascii("%PDF-"))) {
			return Optional.of(PDF);
		}
		return Optional.empty();
	}

	public static Optional<IdCopyType> ofContentType(String contentType) {
		return Arrays.stream(values()).filter(t -> t.contentType.equals(contentType)).findFirst();
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static boolean startsWith(byte[] content, int offset, byte[] prefix) {
		if (content.length < offset + prefix.length) {
			return false;
		}
		return Arrays.equals(content, offset, offset + prefix.length, prefix, 0, prefix.length);
	}
}
