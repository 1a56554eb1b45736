package io.kluis.crypto.internal;

import io.kluis.shared.jobs.Jobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs {@link EpochRotation} on {@code kluis.crypto.epochs.cron} (hourly, UTC; {@code "-"} turns it
 * off): every node fires, and the rotation's own job lock (taken by manual rotations too) lets one
 * of them rotate; a run that finds nothing due only retires and destroys what is due.
 */
@Component
class EpochSchedule {

	private static final Logger log = LoggerFactory.getLogger(EpochSchedule.class);

	private final EpochRotation rotation;

	private final Jobs jobs;

	EpochSchedule(EpochRotation rotation, Jobs jobs) {
		this.rotation = rotation;
		this.jobs = jobs;
	}

	@Scheduled(cron = "${kluis.crypto.epochs.cron:0 15 * * * *}", zone = "UTC")
	void hourly() {
		jobs.run(EpochRotation.JOB, () -> {
			try {
				rotation.run(false);
			}
			catch (EpochRotation.BusyException e) {
				log.info("event=crypto.epoch.rotation.skipped reason=running-elsewhere");
			}
		});
	}
}
