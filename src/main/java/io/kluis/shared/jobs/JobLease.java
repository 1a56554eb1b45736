package io.kluis.shared.jobs;

import java.time.Duration;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.jspecify.annotations.Nullable;

/**
 * A held cluster-wide job lock: until {@link #close()} no other node (and no other caller on this
 * node) gets the same job's lock. If the holder dies, the lease simply runs out. Work that may take
 * longer than its lease {@link #extend extends} it as it goes (e.g. after each retention rule).
 */
public final class JobLease implements AutoCloseable {

	private @Nullable SimpleLock lock;

	JobLease(SimpleLock lock) {
		this.lock = lock;
	}

	/**
	 * Holds the lock for {@code lease} from now (database time) instead of the remaining lease.
	 *
	 * @return false when the lease was lost (it ran out and another node took the lock over) or
	 *         already released; the caller should then stop as soon as it safely can
	 */
	public boolean extend(Duration lease) {
		SimpleLock current = lock;
		if (current == null) {
			return false;
		}
		lock = current.extend(lease, Duration.ZERO).orElse(null);
		return lock != null;
	}

	/** Releases the lock at once; a no-op when it was lost or already released. */
	@Override
	public void close() {
		SimpleLock current = lock;
		lock = null;
		if (current != null) {
			current.unlock();
		}
	}
}
