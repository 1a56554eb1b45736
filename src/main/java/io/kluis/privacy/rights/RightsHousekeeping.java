package io.kluis.privacy.rights;

import io.kluis.shared.jobs.Jobs;
import java.time.Duration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Scheduled upkeep of the rights engine: exports are deleted once their download period is over
 * (RIG-1: the link is valid 7 days, then the copy goes), and closures a stopped node left half-way
 * are finished. Both run on one node at a time (job lock): exports and their content live in the
 * shared database ({@code ExportFiles}), and two nodes resuming the same closure would run its steps
 * side by side. Only the clean-up of export files older versions kept in a node's own data directory
 * runs on every node, once after start-up.
 */
@Component
class RightsHousekeeping {

	private static final Duration EXPORTS_LEASE = Duration.ofMinutes(30);

	private static final Duration CLOSURES_LEASE = Duration.ofMinutes(30);

	private final ExportingPersonalData exports;

	private final NodeLocalExports nodeLocalExports;

	private final ClosingAccounts closures;

	private final Jobs jobs;

	RightsHousekeeping(ExportingPersonalData exports, NodeLocalExports nodeLocalExports, ClosingAccounts closures,
			Jobs jobs) {
		this.jobs = jobs;
		this.exports = exports;
		this.nodeLocalExports = nodeLocalExports;
		this.closures = closures;
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "${kluis.privacy.export-cleanup-interval:PT1H}")
	void deleteExpiredExports() {
		jobs.once("privacy.rights.expired-exports", EXPORTS_LEASE, exports::deleteExpired);
	}

	@EventListener(ApplicationReadyEvent.class)
	void deleteNodeLocalExports() {
		jobs.run("privacy.rights.node-local-exports", nodeLocalExports::delete);
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT5M")
	void finishInterruptedClosures() {
		jobs.once("privacy.rights.interrupted-closures", CLOSURES_LEASE, closures::resumeUnfinished);
	}
}
