package io.kluis.privacy.rights;

import io.kluis.shared.jobs.Jobs;
import java.time.Duration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Scheduled upkeep of the rights engine: exports are deleted once their download period is over
 * (RIG-1: the link is valid 7 days, then the copy goes), and closures a stopped node left half-way
 * are finished. Resuming closures runs on one node at a time (job lock): two nodes resuming the
 * same closure would run its steps side by side. Deleting exports runs on every node: the ZIPs lie
 * in each node's own data directory ({@code ExportFiles}).
 */
@Component
class RightsHousekeeping {

	private static final Duration CLOSURES_LEASE = Duration.ofMinutes(30);

	private final ExportingPersonalData exports;

	private final ClosingAccounts closures;

	private final Jobs jobs;

	RightsHousekeeping(ExportingPersonalData exports, ClosingAccounts closures, Jobs jobs) {
		this.jobs = jobs;
		this.exports = exports;
		this.closures = closures;
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "${kluis.privacy.export-cleanup-interval:PT1H}")
	void deleteExpiredExports() {
		jobs.run("privacy.rights.expired-exports", exports::deleteExpired);
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT5M")
	void finishInterruptedClosures() {
		jobs.once("privacy.rights.interrupted-closures", CLOSURES_LEASE, closures::resumeUnfinished);
	}
}
