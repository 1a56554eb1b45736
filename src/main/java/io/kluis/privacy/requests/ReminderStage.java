package io.kluis.privacy.requests;

import java.time.Duration;

/** When the privacy officer is reminded of a request's due date (RIG-7). */
public enum ReminderStage {
	DAYS_7(Duration.ofDays(7)),
	DAYS_2(Duration.ofDays(2)),
	OVERDUE(Duration.ZERO);

	private final Duration before;

	ReminderStage(Duration before) {
		this.before = before;
	}

	/** How long before the due date this reminder is sent. */
	public Duration before() {
		return before;
	}
}
