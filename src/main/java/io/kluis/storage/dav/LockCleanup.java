package io.kluis.storage.dav;

import io.kluis.shared.jobs.Jobs;
import java.time.Duration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes expired WebDAV locks everywhere. Locking in a space already clears that space's expired
 * locks, and expired locks are ignored anyway; this removes those of spaces nobody locks in again,
 * with their sealed paths and owners. One DELETE, on one node at a time (job lock {@value #JOB}).
 */
@Component
class LockCleanup {

	static final String JOB = "storage.dav-lock-cleanup";

	private static final Duration LEASE = Duration.ofMinutes(5);

	private final Locks locks;

	private final Jobs jobs;

	LockCleanup(Locks locks, Jobs jobs) {
		this.locks = locks;
		this.jobs = jobs;
	}

	@Scheduled(initialDelayString = "PT2M", fixedDelayString = "PT15M")
	void scheduled() {
		jobs.once(JOB, LEASE, locks::purgeExpired);
	}
}
