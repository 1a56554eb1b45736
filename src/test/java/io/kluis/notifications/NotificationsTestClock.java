package io.kluis.notifications;

import io.kluis.TestClock;

/**
 * Where the notifications integration tests set the shared {@link TestClock}: they
 * {@code @Import(TestClock.class)} and add {@link #A_YEAR_AHEAD} and {@link #NO_SCHEDULING} to their
 * {@code @TestPropertySource}, so only the test's own {@code flush()} sends.
 *
 * <p>The clock starts a year ahead: on PostgreSQL all test contexts share one database, and another
 * context's scheduled dispatcher (real time) then never finds these tests' mails due and cannot
 * take them away.
 */
public final class NotificationsTestClock {

	/** The shared test clock, started 366 days ahead. */
	public static final String A_YEAR_AHEAD = TestClock.OFFSET + "=366d";

	/** Scheduling off, so only the test's own {@code flush()} sends. */
	public static final String NO_SCHEDULING = "kluis.jobs.enabled=false";

	private NotificationsTestClock() {
	}
}
