package io.kluis.billing.invoicing;

import io.kluis.shared.jobs.Jobs;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Issues what subscriptions owe and could not be issued right after their event (VIES was down, a
 * node stopped between the commit and the issue, a downgrade waited for its term's invoice): every
 * five minutes, on one node at a time. Issuing is idempotent anyway, so the lock only saves work.
 */
@Component
class SubscriptionInvoicesJob {

	/** The job's cluster lock, which {@code billing invoice-run} takes too. */
	static final String JOB = "billing.subscription-invoices";

	private static final Logger log = LoggerFactory.getLogger(SubscriptionInvoicesJob.class);

	private final Jobs jobs;

	private final SubscriptionInvoicing invoicing;

	SubscriptionInvoicesJob(Jobs jobs, SubscriptionInvoicing invoicing) {
		this.jobs = jobs;
		this.invoicing = invoicing;
	}

	@Scheduled(fixedDelay = 300_000, initialDelay = 120_000)
	void scheduled() {
		jobs.once(JOB, Duration.ofMinutes(10), () -> {
			int issued = invoicing.issueDue();
			if (issued > 0) {
				log.info("event=billing.invoicing.job issued={}", issued);
			}
		});
	}
}
