package io.kluis.crypto;

import java.time.Duration;

/**
 * How long an erased subject's data stays readable in database backups taken before the erasure:
 * their data keys are wrapped under epoch keys kept outside the database, and the epoch key that
 * wrapped an erased key is destroyed at most this long after the erasure (the epoch length, the
 * backup retention and the slack of the hourly rotation job). Stated in the README and on
 * {@code /privacy}.
 */
public interface BackupErasure {

	Duration epochLength();

	Duration backupRetention();

	/** Everything together: after this, no backup taken before an erasure can be read for that subject. */
	Duration bound();

	/** {@link #bound()} in whole days, rounded up, as the privacy statement says it. */
	default long boundInDays() {
		Duration bound = bound();
		return bound.toDays() + (bound.equals(Duration.ofDays(bound.toDays())) ? 0 : 1);
	}
}
