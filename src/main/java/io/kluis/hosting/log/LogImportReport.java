package io.kluis.hosting.log;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an import of an access log did: every line is loaded, blank, or rejected with its number and
 * reason; nothing else is lost. When a write to the database failed, the import stopped:
 * {@code stoppedAt} names the first line not loaded (all lines before it are accounted for).
 * Positions and reasons only, never a line's content (it holds visitors' addresses).
 */
public record LogImportReport(long lines, long loaded, long blank, List<Rejected> rejected,
		@Nullable Stopped stoppedAt) {

	public LogImportReport {
		rejected = List.copyOf(rejected);
	}

	/** A line that is not a page view, and why. */
	public record Rejected(long line, String reason) {
	}

	/** Where and why the import stopped before the end of the file. */
	public record Stopped(long line, String reason) {
	}
}
