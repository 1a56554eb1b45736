package io.kluis.privacy.retention;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily run ({@code kluis.privacy.retention.cron}, default 03:30 Europe/Amsterdam). Every node
 * fires; the lock lets one of them run. Off in one-shot commands ({@code kluis.scheduling.enabled}).
 */
@Component
@ConditionalOnProperty(name = "kluis.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class RetentionSchedule {

	private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

	private final RetentionEngine engine;

	private final Clock clock;

	RetentionSchedule(RetentionEngine engine, Clock clock) {
		this.engine = engine;
		this.clock = clock;
	}

	@Scheduled(cron = "${kluis.privacy.retention.cron:0 30 3 * * *}",
			zone = "${kluis.privacy.retention.zone:Europe/Amsterdam}")
	void daily() {
		try {
			engine.run(clock.instant(), false);
		}
		catch (RetentionBusyException e) {
			log.info("event=privacy.retention.skipped reason=running-elsewhere");
		}
		catch (RuntimeException e) {
			log.warn("event=privacy.retention.error error={}", e.getClass().getSimpleName());
		}
	}
}
