package io.kluis.privacy.requests;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The scheduled part of the request engine, every {@code kluis.privacy.requests.job-interval}:
 * deadline reminders, deleting ID copies past their 7 days, and deleting requests never confirmed.
 * Each step is idempotent, so several nodes may run it; a failing step does not stop the others.
 */
@Component
class RequestJobs {

	private static final Logger log = LoggerFactory.getLogger(RequestJobs.class);

	private final DeadlineReminders reminders;

	private final IdCopies idCopies;

	private final RequestIntake intake;

	RequestJobs(DeadlineReminders reminders, IdCopies idCopies, RequestIntake intake) {
		this.reminders = reminders;
		this.idCopies = idCopies;
		this.intake = intake;
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "${kluis.privacy.requests.job-interval:PT15M}")
	void run() {
		step("reminders", reminders::sendDue);
		step("id-copies", idCopies::deleteExpired);
		step("unconfirmed", intake::deleteUnconfirmed);
	}

	private static void step(String name, java.util.function.IntSupplier step) {
		try {
			step.getAsInt();
		}
		catch (RuntimeException e) {
			log.warn("event=privacy.request.job-failed step={} error={}", name, e.getClass().getSimpleName());
		}
	}
}
