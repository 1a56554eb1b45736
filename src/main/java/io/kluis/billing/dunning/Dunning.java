package io.kluis.billing.dunning;

import io.kluis.billing.BillingSubscriptions;
import io.kluis.billing.SubscriptionRef;
import io.kluis.billing.SubscriptionStatus;
import io.kluis.billing.invoices.InvoiceId;
import io.kluis.billing.invoices.Invoicing;
import io.kluis.billing.invoices.IssuedInvoice;
import io.kluis.billing.settlement.Settlements;
import io.kluis.identity.AccountLookup;
import io.kluis.notifications.Mail;
import io.kluis.notifications.Notifications;
import io.kluis.shared.jobs.Jobs;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The dunning job (on one node at a time): for every invoice that is overdue and still open (see
 * {@link Settlements}: a payment or a credit note for the full amount stops dunning), the step of the
 * schedule ({@link DunningProperties}) that is due now is taken once: a reminder mail, a second
 * reminder, then suspension of the subscriptions the invoice pays for with a mail saying so. When the
 * job was down and a later step is due already, the earlier reminder is skipped rather than sent late.
 * Each invoice in a transaction of its own; a failure is logged (ids only) and retried on the next run.
 * What follows suspension, the hand-off to a collection agency, is a staff decision ({@link Collections}).
 */
@Component
public class Dunning {

	static final String JOB = "billing.dunning";

	static final String EVENT_STEP = "billing.dunning-step";

	private static final Logger log = LoggerFactory.getLogger(Dunning.class);

	private static final Duration LEASE = Duration.ofMinutes(10);

	private static final int BATCH = 200;

	private final Jobs jobs;

	private final DunningRecords records;

	private final Invoicing invoicing;

	private final Settlements settlements;

	private final BillingSubscriptions subscriptions;

	private final AccountLookup accounts;

	private final Notifications notifications;

	private final TransactionOperations transactions;

	private final DunningProperties properties;

	private final Clock clock;

	Dunning(Jobs jobs, DunningRecords records, Invoicing invoicing, Settlements settlements,
			BillingSubscriptions subscriptions, AccountLookup accounts, Notifications notifications,
			TransactionOperations transactions, DunningProperties properties, Clock clock) {
		this.jobs = jobs;
		this.records = records;
		this.invoicing = invoicing;
		this.settlements = settlements;
		this.subscriptions = subscriptions;
		this.accounts = accounts;
		this.notifications = notifications;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelay = 3_600_000, initialDelay = 120_000)
	void scheduled() {
		if (properties.enabled()) {
			jobs.once(JOB, LEASE, this::run);
		}
	}

	/** Takes every step that is due now; returns how many were taken. Public for tests and a manual run. */
	public int run() {
		Instant now = clock.instant();
		LocalDate today = LocalDate.ofInstant(now, properties.zone());
		LocalDate dueOnOrBefore = today.minusDays(properties.firstReminderDays());
		int taken = 0;
		Set<UUID> seen = new HashSet<>();
		while (true) {
			var batch = records.overdue(dueOnOrBefore, BATCH + seen.size()).stream().filter(seen::add).toList();
			if (batch.isEmpty()) {
				break;
			}
			for (UUID id : batch) {
				try {
					Boolean done = transactions.execute(tx -> step(new InvoiceId(id), today, now));
					if (Boolean.TRUE.equals(done)) {
						taken++;
					}
				}
				catch (RuntimeException e) {
					log.warn("event=billing.dunning-failed invoice={} error={}", id, e.getClass().getSimpleName());
				}
			}
		}
		if (taken > 0) {
			log.info("event=billing.dunning steps={}", taken);
		}
		return taken;
	}

	private boolean step(InvoiceId id, LocalDate today, Instant now) {
		IssuedInvoice invoice = invoicing.find(id).orElse(null);
		if (invoice == null || invoice.dueDate() == null) {
			return false;
		}
		BigDecimal open = settlements.openAmount(id);
		if (open.signum() <= 0) {
			return false;
		}
		long overdue = ChronoUnit.DAYS.between(invoice.dueDate(), today);
		DunningStep step;
		if (overdue >= properties.suspensionDays()) {
			step = DunningStep.SUSPENSION;
		}
		else if (overdue >= properties.secondReminderDays()) {
			step = DunningStep.SECOND_REMINDER;
		}
		else if (overdue >= properties.firstReminderDays() && !records.has(id, DunningStep.SECOND_REMINDER)) {
			step = DunningStep.FIRST_REMINDER;
		}
		else {
			return false;
		}
		if (!records.add(id, step, invoice.account(), now, null, null)) {
			return false;
		}
		if (step == DunningStep.SUSPENSION) {
			for (SubscriptionRef ref : settlements.subscriptionsOf(id)) {
				subscriptions.find(ref)
					.filter(s -> s.status() == SubscriptionStatus.ACTIVE)
					.ifPresent(s -> subscriptions.suspend(ref));
			}
		}
		mail(invoice, step, open);
		log.info("event={} invoice={} step={}", EVENT_STEP, id, step);
		return true;
	}

	private void mail(IssuedInvoice invoice, DunningStep step, BigDecimal open) {
		var details = accounts.find(invoice.account()).orElse(null);
		if (details == null) {
			return;
		}
		String stage = switch (step) {
			case FIRST_REMINDER -> "first";
			case SECOND_REMINDER -> "second";
			default -> "suspended";
		};
		notifications.send(Mail.to(details.email())
			.locale(details.language())
			.template("billing/payment-reminder")
			.subject(invoice.account())
			.with("stage", stage)
			.with("invoiceNumber", invoice.number())
			.with("amountOpen", open)
			.with("introKey", "mail.billing.payment-reminder.intro." + stage)
			.with("nextKey", "mail.billing.payment-reminder.next." + stage)
			.with("dueDateText", invoice.dueDate().toString())
			.with("paymentReference", invoice.paymentReference())
			.with("suspensionDateText", invoice.dueDate().plusDays(properties.suspensionDays()).toString())
			.with("invoicesLink", notifications.link("/panel/billing"))
			.build());
	}
}
