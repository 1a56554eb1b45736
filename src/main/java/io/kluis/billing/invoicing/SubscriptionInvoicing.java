package io.kluis.billing.invoicing;

import io.kluis.billing.BillingPeriod;
import io.kluis.billing.BillingProfile;
import io.kluis.billing.BillingProfiles;
import io.kluis.billing.BillingSubscriptions;
import io.kluis.billing.OrderPlaced;
import io.kluis.billing.PlanChanged;
import io.kluis.billing.SubscriptionInfo;
import io.kluis.billing.SubscriptionRenewed;
import io.kluis.billing.document.InvoiceDocument;
import io.kluis.billing.invoicing.SubscriptionInvoiceLedger.Key;
import io.kluis.billing.invoicing.SubscriptionInvoiceLedger.Kind;
import io.kluis.billing.invoicing.SubscriptionInvoiceLedger.Obligation;
import io.kluis.billing.invoicing.SubscriptionInvoiceLedger.Status;
import io.kluis.billing.invoices.CreditRequest;
import io.kluis.billing.invoices.InvoiceId;
import io.kluis.billing.invoices.InvoiceRequest;
import io.kluis.billing.invoices.Invoicing;
import io.kluis.billing.invoices.IssuedInvoice;
import io.kluis.billing.invoices.VatNumberUnverifiable;
import io.kluis.identity.AccountDetails;
import io.kluis.identity.AccountLookup;
import io.kluis.notifications.Mail;
import io.kluis.notifications.Notifications;
import io.kluis.shared.CustomerNumber;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invoices subscriptions automatically: the first term on {@link OrderPlaced}, each later term on
 * {@link SubscriptionRenewed}, and the rest of a term on a {@link PlanChanged} with a non-zero proration
 * (an upgrade is invoiced; a downgrade is credited with a credit note on the term's invoice). Each
 * document goes to the customer by mail with its PDF and UBL e-invoice attached.
 *
 * <p>The listeners are in {@link InvoicingEventsListener}.
 *
 * <p><b>Exactly once.</b> Each event first records an <em>obligation</em> in
 * {@code billing_subscription_invoices}, in the event's own transaction (a plain synchronous listener:
 * the order, renewal or plan change and its obligation commit or roll back together, nothing is lost in
 * between). The row's key is subscription + kind + period start, so a redelivered event or a second node
 * records nothing new. After commit ({@code @ApplicationModuleListener}: asynchronously, in a transaction of
 * its own, through Spring Modulith's event publication registry) the obligation is issued: the row
 * is locked, issued only while still {@code PENDING}, and marked {@code ISSUED} with the invoice id in the
 * same transaction as the invoice and its mail; a second issuer waits for the lock and then finds it done.
 *
 * <p><b>Later.</b> Whatever could not be issued at once stays {@code PENDING} and is retried by
 * {@link SubscriptionInvoicesJob} with backoff: VIES unavailable ({@link VatNumberUnverifiable}, retried
 * until it answers), a downgrade's credit whose term invoice is still pending, a database hiccup. An
 * obligation that can never be issued (the account or its billing profile is gone, no customer number,
 * nothing to credit) becomes {@code FAILED} with a code for staff; logs carry ids and codes only.
 */
@Component
public class SubscriptionInvoicing {

	/** The {@link io.kluis.notifications.MailAttachmentSource} id of invoice mails. */
	static final String ATTACHMENTS = "billing-invoice";

	static final String TEMPLATE = "billing/invoice";

	static final String CREDIT_NOTE_TEMPLATE = "billing/credit-note";

	private static final Logger log = LoggerFactory.getLogger(SubscriptionInvoicing.class);

	/** Attempts before a failure that is not VIES's becomes FAILED. */
	private static final int MAX_ATTEMPTS = 20;

	private final SubscriptionInvoiceLedger ledger;

	private final BillingSubscriptions subscriptions;

	private final BillingProfiles profiles;

	private final AccountLookup accounts;

	private final Invoicing invoicing;

	private final Notifications notifications;

	private final TransactionTemplate transactions;

	private final Clock clock;

	SubscriptionInvoicing(SubscriptionInvoiceLedger ledger, BillingSubscriptions subscriptions, BillingProfiles profiles,
			AccountLookup accounts, Invoicing invoicing, Notifications notifications,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.ledger = ledger;
		this.subscriptions = subscriptions;
		this.profiles = profiles;
		this.accounts = accounts;
		this.invoicing = invoicing;
		this.notifications = notifications;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/** What one issuing attempt did. */
	public enum Outcome {
		/** A document was issued now. */
		ISSUED,
		/** Nothing to do: already issued (or failed) before, or no such obligation. */
		NOTHING,
		/** Not now; it stays pending and is tried again later. */
		RETRY_LATER,
		/** Never: marked FAILED for staff. */
		FAILED
	}

	// -- In the event's transaction: record the obligation (InvoicingEventsListener calls these).

	@Transactional(propagation = Propagation.REQUIRED)
	public void record(OrderPlaced event) {
		var t = event.terms();
		record(new Obligation(new Key(event.subscription(), Kind.TERM, event.periodStart()), event.periodEnd(),
				event.periodStart(), event.account(), t.productName(), t.planName(), null, t.period(), t.price(),
				Status.PENDING, null, 0));
	}

	@Transactional(propagation = Propagation.REQUIRED)
	public void record(SubscriptionRenewed event) {
		var t = event.terms();
		record(new Obligation(new Key(event.subscription(), Kind.TERM, event.periodStart()), event.periodEnd(),
				event.periodStart(), event.account(), t.productName(), t.planName(), null, t.period(), t.price(),
				Status.PENDING, null, 0));
	}

	@Transactional(propagation = Propagation.REQUIRED)
	public void record(PlanChanged event) {
		if (event.proration().signum() == 0) {
			return;
		}
		// The publisher's transaction sees the subscription as changed: same term, new terms.
		SubscriptionInfo s = subscriptions.find(event.subscription()).orElse(null);
		if (s == null) {
			log.warn("event=billing.invoicing.plan-change-without-subscription subscription={}", event.subscription());
			return;
		}
		record(new Obligation(new Key(event.subscription(), Kind.PLAN_CHANGE, event.changedAt()), s.periodEnd(),
				s.periodStart(), event.account(), event.to().productName(), event.to().planName(),
				event.from().planName(), event.to().period(), event.proration(), Status.PENDING, null, 0));
	}

	private void record(Obligation obligation) {
		if (!ledger.record(obligation, clock.instant())) {
			log.debug("event=billing.invoicing.already-recorded subscription={} kind={}", obligation.subscription(),
					obligation.kind());
		}
	}

	/** Issues every pending obligation that is due now (the job); returns how many documents were issued. */
	public int issueDue() {
		int issued = 0;
		Set<Key> tried = new HashSet<>();
		while (true) {
			var due = ledger.due(clock.instant(), 100).stream().filter(tried::add).toList();
			if (due.isEmpty()) {
				return issued;
			}
			for (Key key : due) {
				issued += issue(key) == Outcome.ISSUED ? 1 : 0;
			}
		}
	}

	/**
	 * Issues the obligation if it is still pending; never throws (a failure is recorded on the row and
	 * retried). Idempotent: a second call, on any node, finds it issued.
	 */
	public Outcome issue(Key key) {
		try {
			return transactions.execute(tx -> issueLocked(key));
		}
		catch (VatNumberUnverifiable e) {
			return later(key, "vies-unavailable", true);
		}
		catch (Retry e) {
			return later(key, e.code, true);
		}
		catch (Failure e) {
			return failed(key, e.code);
		}
		catch (RuntimeException e) {
			return later(key, "error-" + e.getClass().getSimpleName(), false);
		}
	}

	private Outcome issueLocked(Key key) {
		Obligation o = ledger.lock(key).orElse(null);
		if (o == null || o.status() != Status.PENDING) {
			return Outcome.NOTHING;
		}
		AccountDetails account = accounts.find(o.account()).orElseThrow(() -> new Failure("account-gone"));
		CustomerNumber customerNumber = accounts.customerNumber(o.account())
			.orElseThrow(() -> new Failure("no-customer-number"));
		List<IssuedInvoice> documents = o.amount().signum() > 0 ? List.of(invoice(o, account, customerNumber))
				: credit(o, account.language());
		Instant now = clock.instant();
		ledger.markIssued(key, documents.get(0).id(), now);
		for (IssuedInvoice document : documents) {
			mail(document, account);
			log.info("event=billing.invoicing.issued subscription={} kind={} invoice={} document={}", o.subscription(),
					o.kind(), document.id(), document.kind());
		}
		return Outcome.ISSUED;
	}

	private IssuedInvoice invoice(Obligation o, AccountDetails account, CustomerNumber customerNumber) {
		BillingProfile profile = profiles.find(o.account()).orElseThrow(() -> new Failure("no-billing-profile"));
		Locale language = account.language();
		var buyer = new InvoiceRequest.Buyer(profile.name(), profile.street(), profile.postalCode(), profile.city(),
				profile.countryCode(), profile.companyName(), profile.kvkNumber(), profile.vatNumber(),
				account.email().value(), language);
		return invoicing.issue(new InvoiceRequest(o.account(), customerNumber, buyer, List.of(line(o, language))));
	}

	/** The line of an obligation; for a plan change with a negative amount, the amount credited. */
	static InvoiceRequest.Line line(Obligation o, Locale language) {
		boolean dutch = "nl".equals(language.getLanguage());
		String source = "subscription:" + o.subscription();
		String plan = o.productName() + " — " + o.planName();
		if (o.kind() == Kind.TERM) {
			return new InvoiceRequest.Line(plan, BigDecimal.ONE, o.billingPeriod() == BillingPeriod.MONTH ? "MON" : "ANN",
					o.amount(), period(o.periodStart(), o.periodEnd()), source);
		}
		String change = o.fromPlanName() + " → " + o.planName();
		String description = o.amount().signum() > 0
				? (dutch ? o.productName() + ": planwijziging " + change + ", rest van de termijn"
						: o.productName() + ": plan change " + change + ", rest of the term")
				: (dutch ? o.productName() + ": overstap " + change + ", tegoed voor de rest van de termijn"
						: o.productName() + ": change " + change + ", credit for the rest of the term");
		return new InvoiceRequest.Line(description, BigDecimal.ONE, "C62", o.amount().abs(),
				period(o.periodStart(), o.periodEnd()), source);
	}

	/**
	 * The instants from {@code start} up to (not including) {@code end} as the invoice's inclusive first and last
	 * day, in UTC as the subscription counts. (No brackets here: Spring Modulith's docs metadata parser trips on
	 * unbalanced ones in comments.)
	 */
	static InvoiceDocument.Period period(Instant start, Instant end) {
		LocalDate first = start.atZone(ZoneOffset.UTC).toLocalDate();
		LocalDate last = end.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
		return new InvoiceDocument.Period(first, last.isBefore(first) ? first : last);
	}

	/**
	 * A downgrade: credit notes on the term's invoices (the upgrade invoices of the term first, then the
	 * term's own invoice), each for at most what remains uncredited on it.
	 */
	private List<IssuedInvoice> credit(Obligation o, Locale language) {
		BigDecimal left = o.amount().negate();
		List<InvoiceId> invoices = ledger.invoicesOfTerm(o.subscription(), o.termStart());
		if (invoices.isEmpty()) {
			var term = ledger.find(new Key(o.subscription(), Kind.TERM, o.termStart()));
			if (term.isPresent() && term.get().status() == Status.PENDING) {
				throw new Retry("term-not-invoiced-yet");
			}
			throw new Failure("no-term-invoice");
		}
		var all = invoicing.of(o.account());
		var plan = new ArrayList<java.util.Map.Entry<InvoiceId, BigDecimal>>();
		for (InvoiceId id : invoices) {
			if (left.signum() <= 0) {
				break;
			}
			var invoice = all.stream().filter(i -> i.id().equals(id)).findFirst().orElse(null);
			if (invoice == null) {
				continue;
			}
			BigDecimal credited = all.stream()
				.filter(i -> id.equals(i.preceding()))
				.map(IssuedInvoice::taxExclusive)
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			BigDecimal remaining = invoice.taxExclusive().subtract(credited);
			if (remaining.signum() > 0) {
				BigDecimal part = remaining.min(left);
				plan.add(java.util.Map.entry(id, part));
				left = left.subtract(part);
			}
		}
		if (left.signum() > 0) {
			throw new Failure("credit-exceeds-invoiced");
		}
		boolean dutch = "nl".equals(language.getLanguage());
		String reason = dutch ? "overstap naar " + o.planName() + " binnen de termijn"
				: "change to " + o.planName() + " within the term";
		var notes = new ArrayList<IssuedInvoice>();
		for (var part : plan) {
			var line = line(o, language);
			line = new InvoiceRequest.Line(line.description(), line.quantity(), line.unitCode(), part.getValue(),
					line.period(), line.sourceReference());
			notes.add(invoicing.credit(part.getKey(), CreditRequest.lines(List.of(line), reason)));
		}
		return notes;
	}

	private void mail(IssuedInvoice document, AccountDetails account) {
		boolean creditNote = document.kind() == InvoiceDocument.Kind.CREDIT_NOTE;
		var mail = Mail.to(account.email())
			.locale(account.language())
			.template(creditNote ? CREDIT_NOTE_TEMPLATE : TEMPLATE)
			.subject(account.id())
			.with("number", document.number())
			.with("issueDate", document.issueDate())
			.with("total", document.taxInclusive())
			.with("customerNumber", document.customerNumber().value())
			.with("invoicesLink", notifications.link("/panel/billing#invoices"))
			.attach(ATTACHMENTS, document.id().toString());
		if (creditNote) {
			mail.with("invoiceNumber", document.precedingNumber() == null ? "" : document.precedingNumber());
		}
		else {
			mail.with("paymentReference", document.paymentReference());
			if (document.dueDate() != null) {
				mail.with("dueDate", document.dueDate());
			}
		}
		notifications.send(mail.build());
	}

	private Outcome later(Key key, String code, boolean expected) {
		try {
			Obligation o = ledger.find(key).orElse(null);
			if (o == null || o.status() != Status.PENDING) {
				return Outcome.NOTHING;
			}
			boolean give_up = !expected && o.attempts() + 1 >= MAX_ATTEMPTS;
			Instant next = clock.instant().plus(backoff(o.attempts()));
			transactions.executeWithoutResult(tx -> ledger.markAttempt(key, give_up ? Status.FAILED : Status.PENDING,
					next, code));
			if (give_up) {
				log.error("event=billing.invoicing.failed subscription={} kind={} error={}", key.subscription(), key.kind(),
						code);
				return Outcome.FAILED;
			}
			log.warn("event=billing.invoicing.retry subscription={} kind={} error={} next={}", key.subscription(),
					key.kind(), code, next);
		}
		catch (RuntimeException e) {
			log.warn("event=billing.invoicing.retry-not-recorded subscription={} error={}", key.subscription(),
					e.getClass().getSimpleName());
		}
		return Outcome.RETRY_LATER;
	}

	private Outcome failed(Key key, String code) {
		try {
			transactions.executeWithoutResult(tx -> ledger.markAttempt(key, Status.FAILED, clock.instant(), code));
		}
		catch (RuntimeException e) {
			log.warn("event=billing.invoicing.failure-not-recorded subscription={} error={}", key.subscription(),
					e.getClass().getSimpleName());
			return Outcome.RETRY_LATER;
		}
		log.error("event=billing.invoicing.failed subscription={} kind={} error={}", key.subscription(), key.kind(), code);
		return Outcome.FAILED;
	}

	/** 5 minutes, 15 minutes, 1 hour, then every 6 hours. */
	static Duration backoff(int attemptsBefore) {
		return switch (attemptsBefore) {
			case 0 -> Duration.ofMinutes(5);
			case 1 -> Duration.ofMinutes(15);
			case 2 -> Duration.ofHours(1);
			default -> Duration.ofHours(6);
		};
	}

	/** Not now: try again later. */
	static final class Retry extends RuntimeException {

		private final String code;

		Retry(String code) {
			super(code, null, false, false);
			this.code = code;
		}
	}

	/** Never: needs staff. */
	static final class Failure extends RuntimeException {

		private final String code;

		Failure(String code) {
			super(code, null, false, false);
			this.code = code;
		}
	}
}
