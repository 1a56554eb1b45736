package io.kluis.privacy.retention;

import io.kluis.shared.jobs.Jobs;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily run ({@code kluis.privacy.retention.cron}, default 03:30 Europe/Amsterdam; {@code "-"}
 * turns it off). Every node fires; the engine's job lock (taken by manual runs too) lets one of
 * them run.
 */
@Component
class RetentionSchedule {

	private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

	private final RetentionEngine engine;

	private final Jobs jobs;

	private final Clock clock;

	RetentionSchedule(RetentionEngine engine, Jobs jobs, Clock clock) {
		this.engine = engine;
		this.jobs = jobs;
		this.clock = clock;
	}

	@Scheduled(cron = "${kluis.privacy.retention.cron:0 30 3 * * *}",
			zone = "${kluis.privacy.retention.zone:Europe/Amsterdam}")
	void daily() {
		jobs.run(RetentionEngine.JOB, () -> {
			try {
				engine.run(clock.instant(), false);
			}
			catch (RetentionBusyException e) {
				log.info("event=privacy.retention.skipped reason=running-elsewhere");
			}
		});
	}
}
