package io.kluis.privacy.requests;

import io.kluis.shared.jobs.Jobs;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The scheduled part of the request engine, every {@code kluis.privacy.requests.job-interval}:
 * deadline reminders, deleting ID copies past their 7 days, and deleting requests never confirmed.
 * Once per cluster (job lock {@value #JOB}): the steps are idempotent and a reminder is claimed by
 * its key before it is mailed, so a second node would mail nobody twice, but it would only repeat
 * the same queries and lose the same claims. A failing step does not stop the others.
 */
@Component
class RequestJobs {

	private static final Logger log = LoggerFactory.getLogger(RequestJobs.class);

	static final String JOB = "privacy.requests";

	/** Far longer than a run takes; after a crash the next node's run waits at most this long. */
	private static final Duration LEASE = Duration.ofMinutes(10);

	private final DeadlineReminders reminders;

	private final IdCopies idCopies;

	private final RequestIntake intake;

	private final Jobs jobs;

	RequestJobs(DeadlineReminders reminders, IdCopies idCopies, RequestIntake intake, Jobs jobs) {
		this.jobs = jobs;
		this.reminders = reminders;
		this.idCopies = idCopies;
		this.intake = intake;
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "${kluis.privacy.requests.job-interval:PT15M}")
	void scheduled() {
		jobs.once(JOB, LEASE, this::run);
	}

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
