package io.kluis.storage.dav;

import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.Node;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** HTTP conditional requests (RFC 9110 §13) on files: If-Match, If-None-Match and the date forms. */
final class Conditions {

	/** What a conditional read ends with. */
	enum Read {
		PROCEED, NOT_MODIFIED, FAILED
	}

	private Conditions() {
	}

	static Read forRead(Node node, @Nullable String ifMatch, @Nullable String ifNoneMatch,
			@Nullable String ifModifiedSince, @Nullable String ifUnmodifiedSince) {
		Optional<Node> existing = Optional.of(node);
		if (ifMatch != null && !matches(ifMatch, existing)) {
			return Read.FAILED;
		}
		if (ifMatch == null && ifUnmodifiedSince != null) {
			Instant since = date(ifUnmodifiedSince);
			if (since != null && seconds(node.modifiedAt()) > since.getEpochSecond()) {
				return Read.FAILED;
			}
		}
		if (ifNoneMatch != null) {
			return matches(ifNoneMatch, existing) ? Read.NOT_MODIFIED : Read.PROCEED;
		}
		if (ifModifiedSince != null) {
			Instant since = date(ifModifiedSince);
			if (since != null && seconds(node.modifiedAt()) <= since.getEpochSecond()) {
				return Read.NOT_MODIFIED;
			}
		}
		return Read.PROCEED;
	}

	/** Whether {@code If-Range} lets a range request through: the validator still matches. */
	static boolean rangeStillValid(Node node, @Nullable String ifRange) {
		if (ifRange == null) {
			return true;
		}
		String value = ifRange.trim();
		if (value.startsWith("\"")) {
			return value.equals("\"" + node.etag() + "\"");
		}
		Instant date = date(value);
		return date != null && seconds(node.modifiedAt()) == date.getEpochSecond();
	}

	private static boolean matches(String header, Optional<Node> existing) {
		return FileTree.Precondition.matches(header, existing);
	}

	private static long seconds(Instant instant) {
		return instant.getEpochSecond();
	}

	private static @Nullable Instant date(String value) {
		try {
			return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException e) {
			return null;
		}
	}
}
