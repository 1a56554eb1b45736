package io.kluis.identity.account;

import io.kluis.shared.web.BusyException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds the password hashes (Argon2id: 19 MiB and tens of milliseconds each) computed at once:
 * {@code permits} at a time (half the processors, at least one, so logins never take them all), up to {@code maxWaiting} more queued for at most
 * {@link #MAX_WAIT}; beyond that a {@link BusyException} (503 with Retry-After). A flood of login
 * attempts then slows only logins: it can neither fill the heap with Argon2 memory nor take every
 * processor from the requests of clients already logged in.
 */
final class HashingGate {

	static final Duration MAX_WAIT = Duration.ofSeconds(5);

	private final Semaphore permits;

	private final int maxWaiting;

	private final AtomicInteger waiting = new AtomicInteger();

	HashingGate(int permits, int maxWaiting) {
		this.permits = new Semaphore(permits, true);
		this.maxWaiting = maxWaiting;
	}

	static HashingGate forThisMachine() {
		int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
		return new HashingGate(Math.max(1, cores / 2), 16 * cores);
	}

	<T> T run(Supplier<T> hashing) {
		if (!permits.tryAcquire()) {
			if (waiting.incrementAndGet() > maxWaiting) {
				waiting.decrementAndGet();
				throw busy();
			}
			try {
				if (!permits.tryAcquire(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
					throw busy();
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw busy();
			}
			finally {
				waiting.decrementAndGet();
			}
		}
		try {
			return hashing.get();
		}
		finally {
			permits.release();
		}
	}

	private static BusyException busy() {
		return new BusyException("too many logins at once; try again in a moment", Duration.ofSeconds(2));
	}
}
