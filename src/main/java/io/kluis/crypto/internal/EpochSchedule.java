package io.kluis.crypto.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs {@link EpochRotation} on {@code kluis.crypto.epochs.cron} (hourly, UTC): every node fires, the
 * lease lets one of them rotate; a run that finds nothing due only retires and destroys what is due.
 * Off in one-shot commands ({@code kluis.scheduling.enabled}).
 */
@Component
@ConditionalOnProperty(name = "kluis.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class EpochSchedule {

	private static final Logger log = LoggerFactory.getLogger(EpochSchedule.class);

	private final EpochRotation rotation;

	EpochSchedule(EpochRotation rotation) {
		this.rotation = rotation;
	}

	@Scheduled(cron = "${kluis.crypto.epochs.cron:0 15 * * * *}", zone = "UTC")
	void hourly() {
		try {
			rotation.run(false);
		}
		catch (EpochRotation.BusyException e) {
			log.info("event=crypto.epoch.rotation.skipped reason=running-elsewhere");
		}
		catch (RuntimeException e) {
			log.warn("event=crypto.epoch.rotation.error error={}", e.getClass().getSimpleName());
		}
	}
}
