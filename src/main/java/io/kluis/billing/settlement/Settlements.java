package io.kluis.billing.settlement;

import io.kluis.billing.BillingSubscriptions;
import io.kluis.billing.SubscriptionRef;
import io.kluis.billing.SubscriptionStatus;
import io.kluis.billing.bank.OpenPayables;
import io.kluis.billing.invoices.InvoiceId;
import io.kluis.billing.invoices.InvoicedLine;
import io.kluis.billing.invoices.Invoicing;
import io.kluis.billing.invoices.IssuedInvoice;
import io.kluis.billing.invoices.PaymentReference;
import io.kluis.billing.payments.PaymentReceived;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what has been paid of invoices and tells whether an invoice is open: see the package comment.
 * Implements the bank import's {@link OpenPayables} (by the invoice's structured payment reference) and
 * listens to {@link PaymentReceived} in the payment's own transaction, so a payment and its settlement
 * commit together.
 */
@Service
public class Settlements implements OpenPayables {

	static final String EVENT_SETTLED = "billing.invoice-settled";

	static final String EVENT_UNMATCHED = "billing.payment-unmatched";

	private static final Logger log = LoggerFactory.getLogger(Settlements.class);

	private final SettlementRecords records;

	private final Invoicing invoicing;

	private final BillingSubscriptions subscriptions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Settlements(SettlementRecords records, Invoicing invoicing, BillingSubscriptions subscriptions,
			ApplicationEventPublisher events, Clock clock) {
		this.records = records;
		this.invoicing = invoicing;
		this.subscriptions = subscriptions;
		this.events = events;
		this.clock = clock;
	}

	/** What happened to a settlement: recorded, recorded and the invoice is now paid, or already recorded. */
	public enum Outcome {
		RECORDED, PAID, ALREADY_RECORDED
	}

	/**
	 * The amount still open on an invoice: total incl. VAT minus settlements minus credit notes, never
	 * below zero.
	 *
	 * @throws NotFoundException when there is no such invoice (or it is a credit note)
	 */
	@Transactional(readOnly = true)
	public BigDecimal openAmount(InvoiceId invoice) {
		IssuedInvoice found = invoice(invoice);
		return open(found).max(BigDecimal.ZERO.setScale(2));
	}

	/**
	 * The open amounts of many invoices at once (a customer's invoice list), with one query per 500
	 * invoices instead of three per invoice. Same rule as {@link #openAmount}; ids that name no invoice
	 * (or a credit note) are absent from the result.
	 */
	@Transactional(readOnly = true)
	public Map<InvoiceId, BigDecimal> openAmounts(Collection<InvoiceId> invoices) {
		Map<InvoiceId, BigDecimal> open = new LinkedHashMap<>();
		records.open(invoices).forEach((id, amount) -> open.put(id, amount.max(BigDecimal.ZERO).setScale(2)));
		return open;
	}

	/** Whether the invoice's total was settled by payments (credit notes do not make it "paid"). */
	@Transactional(readOnly = true)
	public boolean paid(InvoiceId invoice) {
		IssuedInvoice found = invoice(invoice);
		BigDecimal settled = records.settled(invoice);
		return settled.signum() > 0 && open(found).signum() <= 0;
	}

	/** The invoice's settlements, oldest first. */
	@Transactional(readOnly = true)
	public List<Settlement> of(InvoiceId invoice) {
		return records.of(invoice);
	}

	/**
	 * Records a settlement of an invoice, once per source and key: the second report of the same key
	 * changes nothing. When the invoice's open amount reaches zero, {@link InvoicePaid} follows and the
	 * subscriptions on its lines are activated or resumed.
	 *
	 * @throws NotFoundException when there is no such invoice (or it is a credit note)
	 * @throws InvalidInputException when the amount is not positive
	 */
	@Transactional
	public Outcome settle(InvoiceId invoice, BigDecimal amount, SettlementSource source, String key, Instant bookedAt) {
		if (amount.signum() <= 0) {
			throw new InvalidInputException("amount", "amount: a positive amount in euros");
		}
		if (records.lock(invoice).isEmpty()) {
			throw new NotFoundException("invoice");
		}
		if (records.exists(source, key)) {
			return Outcome.ALREADY_RECORDED;
		}
		IssuedInvoice found = invoice(invoice);
		BigDecimal before = open(found);
		Instant now = clock.instant();
		records.insert(new Settlement(UUID.randomUUID(), invoice, amount.setScale(2, RoundingMode.HALF_UP), source, key,
				bookedAt, now));
		BigDecimal after = open(found);
		log.info("event={} invoice={} source={} fullyPaid={}", EVENT_SETTLED, invoice, source, after.signum() <= 0);
		if (before.signum() > 0 && after.signum() <= 0) {
			events.publishEvent(new InvoicePaid(invoice, found.account(), found.number(), now));
			makeGood(invoice);
			return Outcome.PAID;
		}
		return Outcome.RECORDED;
	}

	/** The subscriptions an invoice pays for: its lines' {@code sourceReference} ({@code subscription:<id>} or the id). */
	public Set<SubscriptionRef> subscriptionsOf(InvoiceId invoice) {
		Set<SubscriptionRef> refs = new LinkedHashSet<>();
		for (InvoicedLine line : invoicing.lines(invoice)) {
			subscription(line.sourceReference()).ifPresent(refs::add);
		}
		return refs;
	}

	static Optional<SubscriptionRef> subscription(@Nullable String sourceReference) {
		if (sourceReference == null) {
			return Optional.empty();
		}
		String text = sourceReference.startsWith("subscription:") ? sourceReference.substring("subscription:".length())
				: sourceReference;
		try {
			return Optional.of(SubscriptionRef.parse(text.strip()));
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
	}

	/** Paying ends a suspension at once, and a first payment activates a pending subscription. */
	private void makeGood(InvoiceId invoice) {
		for (SubscriptionRef ref : subscriptionsOf(invoice)) {
			subscriptions.find(ref).ifPresent(s -> {
				if (s.status() == SubscriptionStatus.PENDING_PAYMENT) {
					subscriptions.markPaid(ref);
				}
				else if (s.status() == SubscriptionStatus.SUSPENDED) {
					subscriptions.resume(ref);
				}
			});
		}
	}

	/** A payment through the provider: its payable reference is the invoice id (or its payment reference). */
	@EventListener
	void on(PaymentReceived payment) {
		Optional<IssuedInvoice> invoice = byPayableReference(payment.payableReference());
		if (invoice.isEmpty() || !invoice.get().account().equals(payment.accountId())) {
			log.warn("event={} payment={} reason=no-invoice-of-the-account", EVENT_UNMATCHED, payment.paymentId());
			return;
		}
		try {
			settle(invoice.get().id(), payment.amount(), SettlementSource.PAYMENT, payment.paymentId().toString(),
					payment.paidAt());
		}
		catch (InvalidInputException | NotFoundException e) {
			// The payment itself stands (the provider has the money); staff settle by hand.
			log.warn("event={} payment={} reason={}", EVENT_UNMATCHED, payment.paymentId(), e.getClass().getSimpleName());
		}
	}

	private Optional<IssuedInvoice> byPayableReference(String reference) {
		String text = reference.strip();
		try {
			return invoicing.find(InvoiceId.parse(text)).filter(Settlements::isInvoice);
		}
		catch (IllegalArgumentException e) {
			if (PaymentReference.isValid(text)) {
				return invoicing.findByPaymentReference(PaymentReference.normalise(text));
			}
			return Optional.empty();
		}
	}

	// OpenPayables, for the bank import (called inside its transaction per entry)

	@Override
	public Optional<Payable> findByReference(String reference) {
		return invoicing.findByPaymentReference(reference).map(i -> new Payable(reference, open(i)))
			.filter(p -> p.amountOpen().signum() > 0);
	}

	@Override
	public void markPaid(String reference, BigDecimal amount, LocalDate bookedOn, String bankEntry) {
		bank(reference, amount, bookedOn, bankEntry);
	}

	@Override
	public void recordPartial(String reference, BigDecimal amount, LocalDate bookedOn, String bankEntry) {
		bank(reference, amount, bookedOn, bankEntry);
	}

	private void bank(String reference, BigDecimal amount, LocalDate bookedOn, String bankEntry) {
		IssuedInvoice invoice = invoicing.findByPaymentReference(reference)
			.orElseThrow(() -> new NotFoundException("invoice"));
		settle(invoice.id(), amount, SettlementSource.BANK, bankEntry, bookedOn.atStartOfDay(ZoneOffset.UTC).toInstant());
	}

	private IssuedInvoice invoice(InvoiceId id) {
		return invoicing.find(id).filter(Settlements::isInvoice).orElseThrow(() -> new NotFoundException("invoice"));
	}

	private BigDecimal open(IssuedInvoice invoice) {
		return invoice.taxInclusive().subtract(records.settled(invoice.id())).subtract(records.credited(invoice.id()));
	}

	private static boolean isInvoice(IssuedInvoice invoice) {
		return invoice.kind() == io.kluis.billing.document.InvoiceDocument.Kind.INVOICE;
	}
}
