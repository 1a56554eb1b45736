package io.kluis.privacy.requests;

import io.kluis.shared.AccountId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One step in a request's history (RIG-7): what happened, when, by whom (staff id, or none for the
 * requester and the system), with the text that went to the requester (an answer, a reason) and a
 * non-personal detail (a reminder stage, a file type and size, counts).
 */
public record TimelineEntry(Instant at, Kind kind, @Nullable AccountId actor, @Nullable String text,
		@Nullable String detail) {

	public enum Kind {
		RECEIVED, CONFIRMED, REMINDER, EXTENDED, ANSWERED, ID_COPY_REQUESTED, ID_COPY_UPLOADED, ID_COPY_VIEWED,
		ID_VERIFIED, ID_REJECTED, ID_COPY_DELETED, FULFILLED, CLOSED;

		/** What the requester sees on the status page; staff-internal steps are left out. */
		public boolean shownToRequester() {
			return this != REMINDER && this != ID_COPY_VIEWED;
		}
	}

	@Override
	public String toString() {
		return "TimelineEntry[" + at + ", " + kind + "]";
	}
}
