package io.kluis.storage.breakglass;

import io.kluis.shared.web.InvalidInputException;
import java.time.Duration;

/**
 * The bounds of a break-glass request, in one place. A reason must say enough for the approver and,
 * later, the customer to judge it (at least {@value #MIN_REASON} characters) and stays short enough
 * to read ({@value #MAX_REASON}); access lasts from one hour to {@link #MAX_DURATION}; a request
 * nobody decides within {@link #DECISION_WINDOW} lapses, so an old request cannot be approved when
 * its reason no longer holds.
 */
final class BreakGlassRules {

	static final int MIN_REASON = 20;

	static final int MAX_REASON = 2000;

	static final Duration MIN_DURATION = Duration.ofHours(1);

	static final Duration MAX_DURATION = Duration.ofHours(24);

	static final Duration DECISION_WINDOW = Duration.ofHours(24);

	private BreakGlassRules() {
	}

	/** @return the reason without surrounding white space */
	static String reason(String reason) {
		String stripped = reason.strip();
		if (stripped.length() < MIN_REASON || stripped.length() > MAX_REASON) {
			throw new InvalidInputException("reason",
					"Write a reason of " + MIN_REASON + " to " + MAX_REASON + " characters.");
		}
		if (stripped.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
			throw new InvalidInputException("reason", "The reason contains control characters.");
		}
		return stripped;
	}

	static Duration duration(int hours) {
		Duration duration = Duration.ofHours(hours);
		if (hours < 1 || duration.compareTo(MAX_DURATION) > 0) {
			throw new InvalidInputException("hours",
					"Access lasts from " + MIN_DURATION.toHours() + " to " + MAX_DURATION.toHours() + " hours.");
		}
		return duration;
	}
}
