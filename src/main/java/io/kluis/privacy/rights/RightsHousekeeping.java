package io.kluis.privacy.rights;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Scheduled upkeep of the rights engine: exports are deleted once their download period is over
 * (RIG-1: the link is valid 7 days, then the copy goes), and closures a stopped node left half-way
 * are finished.
 */
@Component
class RightsHousekeeping {

	private final ExportingPersonalData exports;

	private final ClosingAccounts closures;

	RightsHousekeeping(ExportingPersonalData exports, ClosingAccounts closures) {
		this.exports = exports;
		this.closures = closures;
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "${kluis.privacy.export-cleanup-interval:PT1H}")
	void deleteExpiredExports() {
		exports.deleteExpired();
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT5M")
	void finishInterruptedClosures() {
		closures.resumeUnfinished();
	}
}
