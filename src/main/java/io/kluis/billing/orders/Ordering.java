package io.kluis.billing.orders;

import io.kluis.billing.BillingPeriod;
import io.kluis.billing.BillingProfile;
import io.kluis.billing.OrderPlaced;
import io.kluis.billing.PlanTerms;
import io.kluis.billing.catalogue.Catalogue;
import io.kluis.billing.catalogue.Plan;
import io.kluis.billing.subscriptions.Subscription;
import io.kluis.billing.subscriptions.SubscriptionLifecycle;
import io.kluis.identity.AccountLookup;
import io.kluis.notifications.Mail;
import io.kluis.notifications.Notifications;
import io.kluis.privacy.TermsVersions;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.ConflictException;
import io.kluis.shared.web.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer orders a plan (BIL-1, BIL-2): the plan must be orderable for the period, the customer must
 * accept the terms of service version shown now, and have a billing profile (given with the first order).
 * One transaction records the order, creates the subscription (provisioned at once while payment is not
 * required) and queues the confirmation mail; {@link OrderPlaced} follows for the invoicing. Nothing here
 * touches the newsletter (CON-1).
 */
@Service
public class Ordering {

	static final String CURRENCY = "EUR";

	private static final Logger log = LoggerFactory.getLogger(Ordering.class);

	private final Catalogue catalogue;

	private final Orders orders;

	private final BillingProfileStore profiles;

	private final SubscriptionLifecycle subscriptions;

	private final TermsVersions terms;

	private final AccountLookup accounts;

	private final Notifications notifications;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Ordering(Catalogue catalogue, Orders orders, BillingProfileStore profiles, SubscriptionLifecycle subscriptions,
			TermsVersions terms, AccountLookup accounts, Notifications notifications, ApplicationEventPublisher events,
			Clock clock) {
		this.catalogue = catalogue;
		this.orders = orders;
		this.profiles = profiles;
		this.subscriptions = subscriptions;
		this.terms = terms;
		this.accounts = accounts;
		this.notifications = notifications;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * What the customer asks for.
	 *
	 * @param acceptedTermsVersion the terms of service version the customer saw and accepted; must be the current one
	 * @param profile the billing profile, required at the first order, optional (replacing it) later
	 */
	public record Request(@Nullable UUID planId, @Nullable String period, @Nullable String acceptedTermsVersion,
			@Nullable ProfileInput profile, Order.Channel channel) {
	}

	/** The terms of service version a customer accepts when ordering now. */
	public String currentTermsVersion() {
		return terms.current();
	}

	@Transactional
	public Order place(AccountId account, Request request) {
		if (request.planId() == null) {
			throw new InvalidInputException("planId", "planId is required");
		}
		Plan plan = catalogue.orderablePlan(request.planId())
			.orElseThrow(() -> new InvalidInputException("planId", "planId names no plan that can be ordered"));
		BillingPeriod period = BillingPeriod.parse(request.period())
			.orElseThrow(() -> new InvalidInputException("period", "period must be month or year"));
		if (plan.price(period).isEmpty()) {
			throw new InvalidInputException("period", "this plan is not offered per " + period.code());
		}
		String version = request.acceptedTermsVersion() == null ? "" : request.acceptedTermsVersion().strip();
		if (version.isEmpty()) {
			throw new InvalidInputException("acceptedTermsVersion", "accept the terms of service: acceptedTermsVersion is required");
		}
		if (!version.equals(terms.current())) {
			throw new ConflictException("The terms of service changed; read the current version at /terms and accept it.");
		}
		BillingProfile newProfile = request.profile() == null ? null : request.profile().check();
		if (newProfile == null && profiles.find(account).isEmpty()) {
			throw new InvalidInputException("profile", "the first order needs a billing profile (name and address)");
		}
		var details = accounts.find(account).orElseThrow(() -> new ConflictException("This account cannot order."));
		Instant now = clock.instant();
		PlanTerms agreed = plan.terms(period);
		UUID orderId = UUID.randomUUID();
		// The subscription first: a second storage order running at the same time waits on its unique index
		// here and fails with the 409 that says why, before it touches the profile.
		Subscription subscription = subscriptions.create(account, orderId, agreed, now);
		if (newProfile != null) {
			profiles.save(account, newProfile);
		}
		var order = new Order(orderId, account, agreed, CURRENCY, version, now, request.channel(), subscription.id(), now);
		orders.insert(order);
		notifications.send(Mail.to(details.email())
			.locale(details.language())
			.template("billing/order-confirmation")
			.subject(account)
			.with("orderId", orderId.toString())
			.with("productName", agreed.productName())
			.with("planName", agreed.planName())
			.with("price", agreed.price())
			.with("period", agreed.period().code())
			.with("termsVersion", version)
			.with("periodStart", subscription.periodStart().atZone(java.time.ZoneOffset.UTC).toLocalDate())
			.with("periodEnd", subscription.periodEnd().atZone(java.time.ZoneOffset.UTC).toLocalDate())
			.with("subscriptionsLink", notifications.link("/panel/billing"))
			.build());
		events.publishEvent(new OrderPlaced(orderId, account, subscription.ref(), agreed, subscription.periodStart(),
				subscription.periodEnd(), now));
		log.info("event=billing.order-placed order={} subscription={} kind={} channel={}", orderId, subscription.id(),
				agreed.kind(), request.channel());
		return order;
	}

	/** The billing profile for a form, if the customer has one. */
	public @Nullable BillingProfile profile(AccountId account) {
		return profiles.find(account).orElse(null);
	}

	/** Replaces the customer's billing profile (rectification, RIG-2). */
	@Transactional
	public BillingProfile updateProfile(AccountId account, ProfileInput input) {
		BillingProfile profile = input.check();
		profiles.save(account, profile);
		return profile;
	}
}
