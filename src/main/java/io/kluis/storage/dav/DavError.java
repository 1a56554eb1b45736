package io.kluis.storage.dav;

import org.jspecify.annotations.Nullable;

/**
 * A WebDAV request that ends with an error status. The message is for the client (never a file
 * name); {@code condition} is a DAV pre- or postcondition element name sent as a
 * {@code DAV:error} body (RFC 4918 §16).
 */
final class DavError extends Exception {

	private final int status;

	private final @Nullable String condition;

	private final @Nullable String conditionBody;

	DavError(int status, String message) {
		this(status, message, null, null);
	}

	DavError(int status, String message, @Nullable String condition, @Nullable String conditionBody) {
		super(message, null, false, false);
		this.status = status;
		this.condition = condition;
		this.conditionBody = conditionBody;
	}

	static DavError notFound() {
		return new DavError(404, "Nothing exists at this address.");
	}

	static DavError badRequest(String message) {
		return new DavError(400, message);
	}

	static DavError locked(String lockedHref) {
		return new DavError(423, "The resource is locked; submit its lock token in the If header.",
				"lock-token-submitted", "<D:href>" + DavXml.escapeText(lockedHref) + "</D:href>");
	}

	int status() {
		return status;
	}

	@Nullable String condition() {
		return condition;
	}

	@Nullable String conditionBody() {
		return conditionBody;
	}
}
