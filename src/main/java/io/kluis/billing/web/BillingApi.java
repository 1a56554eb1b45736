package io.kluis.billing.web;

import io.kluis.billing.BillingProfile;
import io.kluis.billing.PlanTerms;
import io.kluis.billing.catalogue.Catalogue;
import io.kluis.billing.catalogue.Plan;
import io.kluis.billing.idempotency.IdempotentRequests;
import io.kluis.billing.orders.Order;
import io.kluis.billing.orders.Ordering;
import io.kluis.billing.orders.Orders;
import io.kluis.billing.orders.ProfileInput;
import io.kluis.billing.subscriptions.Subscription;
import io.kluis.billing.subscriptions.SubscriptionLifecycle;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import io.kluis.shared.web.SignedIn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Billing over the API (HTTP Basic with an app password; writing needs {@code api:write}): the plans on
 * offer, ordering, the customer's subscriptions, cancelling (one call, as easy as ordering: BIL-6) and
 * changing plan, and the billing profile. Another customer's subscription id is a 404.
 */
@RestController
@RequestMapping("/api/v1")
@PreAuthorize("hasRole('CUSTOMER')")
class BillingApi {

	/** A plan on offer; prices in EUR without VAT, null when the plan is not offered for that period. */
	record PlanView(UUID id, String product, String kind, String name, @Nullable BigDecimal priceMonth,
			@Nullable BigDecimal priceYear, @Nullable Long quotaBytes) {

		static PlanView of(Plan p) {
			return new PlanView(p.id(), p.productName(), p.kind().name().toLowerCase(java.util.Locale.ROOT), p.name(),
					p.priceMonth(), p.priceYear(), p.quotaBytes());
		}
	}

	record Plans(String currency, boolean pricesIncludeVat, String termsVersion, List<PlanView> plans) {
	}

	/**
	 * @param planId the plan
	 * @param period {@code month} or {@code year}
	 * @param acceptedTermsVersion the current terms of service version ({@code GET /api/v1/plans} names it)
	 * @param profile the billing profile; required with the first order
	 */
	record OrderRequest(@Nullable UUID planId, @Nullable String period, @Nullable String acceptedTermsVersion,
			@Nullable ProfileInput profile) {
	}

	record OrderView(UUID id, UUID subscriptionId, UUID planId, String product, String plan, String period,
			BigDecimal price, String currency, String termsVersion, Instant termsAcceptedAt, Instant orderedAt) {

		static OrderView of(Order o) {
			PlanTerms t = o.terms();
			return new OrderView(o.id(), o.subscriptionId(), t.planId(), t.productName(), t.planName(), t.period().code(),
					t.price(), o.currency(), o.termsVersion(), o.termsAcceptedAt(), o.orderedAt());
		}
	}

	record SubscriptionView(UUID id, UUID planId, String product, String plan, String kind, String period,
			BigDecimal price, String currency, @Nullable Long quotaBytes, String status, Instant periodStart,
			Instant periodEnd, @Nullable Instant renewsAt, @Nullable Instant cancelledAt, @Nullable Instant endsAt,
			@Nullable Instant endedAt) {

		static SubscriptionView of(Subscription s) {
			PlanTerms t = s.terms();
			var info = s.info();
			return new SubscriptionView(s.id(), t.planId(), t.productName(), t.planName(),
					t.kind().name().toLowerCase(java.util.Locale.ROOT), t.period().code(), t.price(), "EUR", t.quotaBytes(),
					s.status().name().toLowerCase(java.util.Locale.ROOT), s.periodStart(), s.periodEnd(), info.renewsAt(),
					s.cancelledAt(), s.cancelledAt() != null ? s.periodEnd() : null, s.endedAt());
		}
	}

	record ChangeRequest(@Nullable UUID planId) {
	}

	record ChangeView(SubscriptionView subscription, BigDecimal proration) {
	}

	private final Catalogue catalogue;

	private final Ordering ordering;

	private final SubscriptionLifecycle subscriptions;

	private final Orders orders;

	private final IdempotentRequests idempotency;

	BillingApi(Catalogue catalogue, Ordering ordering, SubscriptionLifecycle subscriptions, Orders orders,
			IdempotentRequests idempotency) {
		this.catalogue = catalogue;
		this.ordering = ordering;
		this.subscriptions = subscriptions;
		this.orders = orders;
		this.idempotency = idempotency;
	}

	@Operation(summary = "The plans on offer (EUR without VAT) and the terms version an order accepts")
	@GetMapping("/plans")
	Plans plans() {
		return new Plans("EUR", false, ordering.currentTermsVersion(),
				catalogue.orderable().stream().flatMap(p -> p.plans().stream()).map(PlanView::of).toList());
	}

	@Operation(summary = "Order a plan (BIL-2): 201 with the order; 400 for a wrong field, 409 when the terms "
			+ "changed or a storage plan already exists (also when two orders arrive at once)",
			description = "Send an Idempotency-Key header (such as a fresh UUID) to make retries safe: the same key "
					+ "from the same account within 24 hours answers with the first order instead of ordering again; "
					+ "the same key with a different request is refused with 422.")
	@PostMapping("/orders")
	ResponseEntity<OrderView> order(@RequestBody OrderRequest body,
			@Parameter(description = "Makes retries safe: the same key within 24 hours returns the first order "
					+ "(1 to 255 visible ASCII characters)") @RequestHeader(name = IdempotentRequests.HEADER,
					required = false) @Nullable String idempotencyKey,
			Authentication authentication) {
		AccountId account = account(authentication);
		Order order = idempotency.once(account, "order", idempotencyKey, fingerprint(body),
				() -> ordering.place(account, new Ordering.Request(body.planId(), body.period(),
						body.acceptedTermsVersion(), body.profile(), Order.Channel.API)),
				Order::id, id -> orders.find(id).orElseThrow(() -> new NotFoundException("No such order.")));
		return ResponseEntity.created(URI.create("/api/v1/subscriptions/" + order.subscriptionId()))
			.body(OrderView.of(order));
	}

	/** The order request's fields, canonically: what an Idempotency-Key is bound to. */
	private static String fingerprint(OrderRequest body) {
		ProfileInput p = body.profile();
		return java.util.stream.Stream.of(body.planId(), body.period(), body.acceptedTermsVersion(),
				p == null ? null : p.name(), p == null ? null : p.street(), p == null ? null : p.postalCode(),
				p == null ? null : p.city(), p == null ? null : p.country(), p == null ? null : p.companyName(),
				p == null ? null : p.kvkNumber(), p == null ? null : p.vatNumber())
			.map(v -> v == null ? "" : "=" + v)
			.collect(java.util.stream.Collectors.joining("\n"));
	}

	@Operation(summary = "Your subscriptions, ended ones included")
	@GetMapping("/subscriptions")
	List<SubscriptionView> list(Authentication authentication) {
		return subscriptions.ofCustomer(account(authentication)).stream().map(SubscriptionView::of).toList();
	}

	@Operation(summary = "One of your subscriptions; 404 when it is not yours")
	@GetMapping("/subscriptions/{id}")
	SubscriptionView get(@PathVariable String id, Authentication authentication) {
		return SubscriptionView.of(subscriptions.own(account(authentication), id(id)));
	}

	@Operation(summary = "Cancel a subscription (BIL-6): it runs to the end of the paid term and ends then; "
			+ "200 with endsAt, also when it was already cancelled")
	@PostMapping("/subscriptions/{id}/cancel")
	SubscriptionView cancel(@PathVariable String id, Authentication authentication) {
		return SubscriptionView.of(subscriptions.cancel(account(authentication), id(id)));
	}

	@Operation(summary = "Change to another plan of the same kind and period from now on; the proration "
			+ "(EUR without VAT) is charged (positive) or credited (negative)")
	@PostMapping("/subscriptions/{id}/change")
	ChangeView change(@PathVariable String id, @RequestBody ChangeRequest body, Authentication authentication) {
		AccountId account = account(authentication);
		UUID subscriptionId = id(id);
		Subscription current = subscriptions.own(account, subscriptionId);
		if (body.planId() == null) {
			throw new InvalidInputException("planId", "planId is required");
		}
		Plan plan = catalogue.orderablePlan(body.planId())
			.orElseThrow(() -> new InvalidInputException("planId", "planId names no plan that can be ordered"));
		if (plan.price(current.terms().period()).isEmpty()) {
			throw new InvalidInputException("planId", "this plan is not offered per " + current.terms().period().code());
		}
		BigDecimal proration = subscriptions.changePlan(account, subscriptionId, plan.terms(current.terms().period()));
		return new ChangeView(SubscriptionView.of(subscriptions.own(account, subscriptionId)), proration);
	}

	@Operation(summary = "Your billing profile (the name and address on your invoices); 404 before the first order")
	@GetMapping("/me/billing-profile")
	BillingProfile profile(Authentication authentication) {
		BillingProfile profile = ordering.profile(account(authentication));
		if (profile == null) {
			throw new NotFoundException("You have no billing profile yet.");
		}
		return profile;
	}

	@Operation(summary = "Correct your billing profile (RIG-2)")
	@PutMapping("/me/billing-profile")
	BillingProfile updateProfile(@RequestBody ProfileInput body, Authentication authentication) {
		return ordering.updateProfile(account(authentication), body);
	}

	static AccountId account(Authentication authentication) {
		return SignedIn.of(authentication).orElseThrow(() -> new NotFoundException("account"));
	}

	/** A malformed id names nothing: 404 like another customer's. */
	static UUID id(String value) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException e) {
			throw new NotFoundException("No such subscription.");
		}
	}
}
