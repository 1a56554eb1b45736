package io.kluis.billing.invoicing;

import io.kluis.billing.subscriptions.TermEnds;
import io.kluis.shared.cli.KluisCommand;
import io.kluis.shared.jobs.JobLease;
import io.kluis.shared.jobs.Jobs;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code billing invoice-run}: the invoice run the scheduled jobs do, now, by hand: renews the
 * subscriptions whose term is over ({@link TermEnds}; each renewal records its invoice obligation) and
 * issues every obligation that is due ({@link SubscriptionInvoicing#issueDue}), each invoice with its
 * mail, under the same cluster locks as those jobs. Prints what was renewed, ended, issued, postponed
 * (VIES unavailable: tried again later) and failed. Exit 0 when nothing failed, 1 when something failed or
 * another node is running the jobs, 2 on a usage error.
 */
@Component
class InvoiceRunCommand implements KluisCommand {

	private static final Duration LEASE = Duration.ofHours(1);

	private final Jobs jobs;

	private final TermEnds termEnds;

	private final SubscriptionInvoicing invoicing;

	private final SubscriptionInvoiceLedger ledger;

	private final Clock clock;

	InvoiceRunCommand(Jobs jobs, TermEnds termEnds, SubscriptionInvoicing invoicing, SubscriptionInvoiceLedger ledger,
			Clock clock) {
		this.jobs = jobs;
		this.termEnds = termEnds;
		this.invoicing = invoicing;
		this.ledger = ledger;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "billing invoice-run";
	}

	@Override
	public String synopsis() {
		return "renew the subscriptions whose term is over and issue every invoice that is due now";
	}

	@Override
	public int run(List<String> options, PrintStream out) {
		if (!options.isEmpty()) {
			out.println("Usage: billing invoice-run");
			return 2;
		}
		Optional<JobLease> terms = jobs.tryAcquire(TermEnds.JOB, LEASE);
		if (terms.isEmpty()) {
			out.println("Another node is running the term-end job; nothing was done.");
			return 1;
		}
		try (JobLease termsLease = terms.get()) {
			Optional<JobLease> issuing = jobs.tryAcquire(SubscriptionInvoicesJob.JOB, LEASE);
			if (issuing.isEmpty()) {
				out.println("Another node is running the invoicing job; nothing was done.");
				return 1;
			}
			try (JobLease issuingLease = issuing.get()) {
				return run(out);
			}
		}
	}

	private int run(PrintStream out) {
		Instant start = clock.instant();
		TermEnds.Run terms = termEnds.runAll();
		invoicing.issueDue();
		var summary = ledger.summarySince(start, clock.instant());
		out.printf("terms: renewed %d, ended %d, failed %d%n", terms.renewed(), terms.ended(), terms.failed());
		out.printf("invoices: issued %d, postponed %d, failed %d%n", summary.issued(), summary.postponed(),
				summary.failed());
		return terms.failed() > 0 || summary.failed() > 0 ? 1 : 0;
	}
}
