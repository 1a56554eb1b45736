package io.kluis.identity.account;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Failed-login state of one account: growing delays after a few failures, then a lock that only the
 * owner can lift (by the link mailed to them) or staff. Keyed by the account id, never by the email
 * address, so no lock-out record reveals who tried to log in.
 */
public final class LoginGuard {

	private int failures;

	private @Nullable Instant lastFailureAt;

	private @Nullable Instant throttledUntil;

	private @Nullable Instant lockedAt;

	LoginGuard(int failures, @Nullable Instant lastFailureAt, @Nullable Instant throttledUntil,
			@Nullable Instant lockedAt) {
		this.failures = failures;
		this.lastFailureAt = lastFailureAt;
		this.throttledUntil = throttledUntil;
		this.lockedAt = lockedAt;
	}

	static LoginGuard fresh() {
		return new LoginGuard(0, null, null, null);
	}

	/**
	 * The throttling policy, one named rule: {@code freeAttempts} failures cost nothing, each further
	 * failure doubles the wait (1 s, 2 s, 4 s … up to {@code maxDelay}), and {@code lockAfter}
	 * consecutive failures lock the account.
	 */
	public record Policy(int freeAttempts, Duration maxDelay, int lockAfter) {

		public static final Policy DEFAULT = new Policy(5, Duration.ofMinutes(15), 20);

		Duration delayAfter(int failures) {
			if (failures < freeAttempts) {
				return Duration.ZERO;
			}
			int exponent = Math.min(failures - freeAttempts, 20);
			Duration delay = Duration.ofSeconds(1L << exponent);
			return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
		}
	}

	/** Whether an attempt at {@code now} may even be checked (otherwise it is refused unchecked). */
	public boolean allowsAttemptAt(Instant now) {
		return lockedAt == null && (throttledUntil == null || !now.isBefore(throttledUntil));
	}

	/** @return true when this failure locked the account */
	public boolean recordFailure(Instant now, Policy policy) {
		failures++;
		lastFailureAt = now;
		Duration delay = policy.delayAfter(failures);
		throttledUntil = delay.isZero() ? null : now.plus(delay);
		if (failures >= policy.lockAfter() && lockedAt == null) {
			lockedAt = now;
			return true;
		}
		return false;
	}

	public void recordSuccess() {
		failures = 0;
		throttledUntil = null;
	}

	public void unlock() {
		lockedAt = null;
		failures = 0;
		throttledUntil = null;
	}

	public boolean isLocked() {
		return lockedAt != null;
	}

	public int failures() {
		return failures;
	}

	public @Nullable Instant lastFailureAt() {
		return lastFailureAt;
	}

	public @Nullable Instant throttledUntil() {
		return throttledUntil;
	}

	public @Nullable Instant lockedAt() {
		return lockedAt;
	}
}
