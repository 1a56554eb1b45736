package io.kluis.billing.subscriptions;

import io.kluis.billing.BillingSubscriptions;
import io.kluis.billing.PlanChanged;
import io.kluis.billing.PlanTerms;
import io.kluis.billing.ProductKind;
import io.kluis.billing.SubscriptionCancelled;
import io.kluis.billing.SubscriptionEnded;
import io.kluis.billing.SubscriptionInfo;
import io.kluis.billing.SubscriptionRef;
import io.kluis.billing.SubscriptionRenewed;
import io.kluis.billing.SubscriptionStatus;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.ConflictException;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything that happens to a subscription: created by an order, activated (at once, or by the payment
 * seam), cancelled by the customer (effective at the end of the term), changed to another plan with
 * {@link Proration}, renewed or ended when its term is over ({@link TermEnds}), suspended and resumed by
 * dunning. A customer's call for a subscription that is not theirs is a 404, the same as for one that
 * does not exist.
 */
@Service
public class SubscriptionLifecycle implements BillingSubscriptions {

	static final String SECOND_STORAGE_PLAN = "You already have a storage plan: change that plan instead of ordering a second.";

	private final Subscriptions subscriptions;

	private final Provisioning provisioning;

	private final ApplicationEventPublisher events;

	private final BillingProperties properties;

	private final Clock clock;

	SubscriptionLifecycle(Subscriptions subscriptions, Provisioning provisioning, ApplicationEventPublisher events,
			BillingProperties properties, Clock clock) {
		this.subscriptions = subscriptions;
		this.provisioning = provisioning;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Creates the subscription of an order (in the order's transaction): {@code PENDING_PAYMENT}, activated
	 * and provisioned at once unless payment is required. One live storage subscription per customer (a
	 * second would fight over the quota): change the plan instead. The check here answers the usual case;
	 * the database's unique index on {@code live_storage_account} decides when two orders run at once
	 * (two tabs, two nodes): the second fails with the same 409 and its whole transaction rolls back, so
	 * no second order, invoice or mail follows.
	 */
	@Transactional
	public Subscription create(AccountId account, UUID orderId, PlanTerms terms, Instant at) {
		if (terms.kind() == ProductKind.STORAGE && subscriptions.of(account).stream()
			.anyMatch(s -> s.status().live() && s.terms().kind() == ProductKind.STORAGE)) {
			throw new ConflictException(SECOND_STORAGE_PLAN);
		}
		var created = new Subscription(UUID.randomUUID(), account, orderId, terms, SubscriptionStatus.PENDING_PAYMENT,
				at, terms.period().after(at), null, null, at);
		try {
			subscriptions.insert(created);
		}
		catch (DuplicateKeyException e) {
			throw new ConflictException(SECOND_STORAGE_PLAN);
		}
		if (!properties.paymentRequired()) {
			return activate(created);
		}
		return created;
	}

	@Override
	public Optional<SubscriptionInfo> find(SubscriptionRef subscription) {
		return subscriptions.find(subscription.value()).map(Subscription::info);
	}

	@Override
	public List<SubscriptionInfo> of(AccountId account) {
		return subscriptions.of(account).stream().map(Subscription::info).toList();
	}

	/** The customer's subscriptions, ended ones included, oldest first. */
	public List<Subscription> ofCustomer(AccountId account) {
		return subscriptions.of(account);
	}

	/** The customer's own subscription, or 404. */
	public Subscription own(AccountId account, UUID id) {
		return subscriptions.find(id).filter(s -> s.account().equals(account))
			.orElseThrow(() -> new NotFoundException("No such subscription."));
	}

	@Override
	@Transactional
	public void markPaid(SubscriptionRef ref) {
		Subscription s = subscriptions.lock(ref.value()).orElseThrow(() -> new NotFoundException("No such subscription."));
		if (s.status() == SubscriptionStatus.PENDING_PAYMENT) {
			activate(s);
		}
		else if (s.status() == SubscriptionStatus.ENDED) {
			throw new IllegalStateException("subscription " + ref + " has ended");
		}
	}

	@Override
	@Transactional
	public void suspend(SubscriptionRef ref) {
		Subscription s = subscriptions.lock(ref.value()).orElseThrow(() -> new NotFoundException("No such subscription."));
		if (s.status() == SubscriptionStatus.ACTIVE) {
			subscriptions.update(s.suspended());
			provisioning.suspend(s.account(), s.ref(), s.terms().kind());
		}
	}

	@Override
	@Transactional
	public void resume(SubscriptionRef ref) {
		Subscription s = subscriptions.lock(ref.value()).orElseThrow(() -> new NotFoundException("No such subscription."));
		if (s.status() == SubscriptionStatus.SUSPENDED) {
			subscriptions.update(s.activated());
			provisioning.resume(s.account(), s.ref(), s.terms().kind());
		}
	}

	/**
	 * The customer cancels: the subscription runs to the end of the paid term and ends then (BIL-6).
	 * Cancelling again changes nothing (the first cancellation's time stays).
	 */
	@Transactional
	public Subscription cancel(AccountId account, UUID id) {
		own(account, id);
		Subscription s = subscriptions.lock(id).orElseThrow();
		if (s.status() == SubscriptionStatus.ENDED || s.cancelledAt() != null) {
			return s;
		}
		Subscription cancelled = s.cancelled(clock.instant());
		subscriptions.update(cancelled);
		events.publishEvent(new SubscriptionCancelled(s.ref(), account, cancelled.cancelledAt(), s.periodEnd()));
		return cancelled;
	}

	/**
	 * Moves the customer's subscription to another plan of the same product kind and billing period, from
	 * now on, with the {@link Proration} of the rest of the term. Refused for an ended or cancelled
	 * subscription (409) and for a plan of another kind or without a price for the period (400).
	 */
	@Transactional
	public BigDecimal changePlan(AccountId account, UUID id, PlanTerms next) {
		own(account, id);
		Subscription s = subscriptions.lock(id).orElseThrow();
		if (s.status() == SubscriptionStatus.ENDED || s.cancelledAt() != null) {
			throw new ConflictException("This subscription is cancelled or ended; its plan cannot change.");
		}
		if (next.kind() != s.terms().kind()) {
			throw new InvalidInputException("planId", "the new plan must be of the same kind of product");
		}
		if (next.planId().equals(s.terms().planId())) {
			throw new InvalidInputException("planId", "this is already the plan of the subscription");
		}
		Instant now = clock.instant();
		BigDecimal proration = Proration.of(s.terms().price(), next.price(), s.periodStart(), s.periodEnd(), now);
		PlanTerms from = s.terms();
		subscriptions.update(s.withTerms(next));
		subscriptions.recordChange(id, account, from, next, proration, now);
		if (s.status() == SubscriptionStatus.ACTIVE) {
			provisioning.change(account, s.ref(), from, next);
		}
		events.publishEvent(new PlanChanged(s.ref(), account, from, next, proration, now));
		return proration;
	}

	/**
	 * One due subscription whose term is over at {@code now}: a cancelled one ends (its provisioner's
	 * {@code end}), any other renews for the next term (until a term reaches past {@code now}).
	 *
	 * @return whether it ended
	 */
	@Transactional
	public boolean handleTermEnd(UUID id, Instant now) {
		Subscription s = subscriptions.lock(id).orElse(null);
		if (s == null || s.status() == SubscriptionStatus.ENDED || s.periodEnd().isAfter(now)) {
			return false;
		}
		// A cancelled subscription ends with its term; so does one whose first term passed unpaid (it was
		// never provisioned, and renewing it would only invoice a service the customer never had).
		if (s.cancelledAt() != null || s.status() == SubscriptionStatus.PENDING_PAYMENT) {
			Subscription ended = s.ended(s.periodEnd());
			subscriptions.update(ended);
			if (s.status() != SubscriptionStatus.PENDING_PAYMENT) {
				provisioning.end(s.account(), s.ref(), s.terms());
			}
			events.publishEvent(new SubscriptionEnded(s.ref(), s.account(), s.terms(), ended.endedAt()));
			return true;
		}
		Subscription renewed = s;
		while (!renewed.periodEnd().isAfter(now)) {
			renewed = renewed.renewed();
			events.publishEvent(new SubscriptionRenewed(s.ref(), s.account(), s.terms(), renewed.periodStart(),
					renewed.periodEnd()));
		}
		subscriptions.update(renewed);
		return false;
	}

	/**
	 * Ends every live subscription of the customer now (erasure ends the contract, BIL-6), telling the
	 * provisioners; returns how many.
	 */
	@Transactional
	public int endAllNow(AccountId account) {
		Instant now = clock.instant();
		int ended = 0;
		for (Subscription s : subscriptions.of(account)) {
			if (s.status() == SubscriptionStatus.ENDED) {
				continue;
			}
			subscriptions.update(s.ended(now));
			if (s.status() != SubscriptionStatus.PENDING_PAYMENT) {
				provisioning.endAtErasure(account, s.ref(), s.terms());
			}
			ended++;
		}
		return ended;
	}

	private Subscription activate(Subscription s) {
		Subscription active = s.activated();
		subscriptions.update(active);
		provisioning.activate(s.account(), s.ref(), s.terms());
		return active;
	}
}
