package io.kluis.billing.web;

import io.kluis.billing.BillingPeriod;
import io.kluis.billing.SubscriptionStatus;
import io.kluis.billing.catalogue.Catalogue;
import io.kluis.billing.catalogue.Plan;
import io.kluis.billing.invoices.Invoicing;
import io.kluis.billing.orders.Order;
import io.kluis.billing.orders.Ordering;
import io.kluis.billing.orders.ProfileInput;
import io.kluis.billing.subscriptions.Subscription;
import io.kluis.billing.subscriptions.SubscriptionLifecycle;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.ConflictException;
import io.kluis.shared.web.InvalidInputException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The customer's billing in the panel: the plans on offer with the order form (the billing profile is
 * asked for at the first order, the terms of service must be accepted), the subscriptions with a
 * self-service cancellation (BIL-6; its consequence is shown before the confirming button) and plan
 * changes, and the invoices and credit notes with their PDF and UBL downloads
 * ({@code io.kluis.billing.invoicing.InvoiceDownloads}).
 */
@Controller
@PreAuthorize("hasRole('CUSTOMER')")
class PanelBillingController {

	static final String PATH = "/panel/billing";

	/** The value of {@code ?ordered} after an order whose subscription waits for its first payment. */
	static final String AWAITING_PAYMENT = "awaiting-payment";

	private final Catalogue catalogue;

	private final Ordering ordering;

	private final SubscriptionLifecycle subscriptions;

	private final Invoicing invoicing;

	private final io.kluis.billing.settlement.Settlements settlements;

	PanelBillingController(Catalogue catalogue, Ordering ordering, SubscriptionLifecycle subscriptions,
			Invoicing invoicing, io.kluis.billing.settlement.Settlements settlements) {
		this.settlements = settlements;
		this.catalogue = catalogue;
		this.ordering = ordering;
		this.subscriptions = subscriptions;
		this.invoicing = invoicing;
	}

	@GetMapping(PATH)
	String page(Authentication authentication, Model model) {
		fill(model, BillingApi.account(authentication));
		return "billing/panel-billing";
	}

	@PostMapping(PATH + "/orders")
	ModelAndView order(@RequestParam(defaultValue = "") String planAndPeriod,
			@RequestParam(defaultValue = "") String acceptedTermsVersion,
			@RequestParam(required = false) @Nullable String acceptTerms,
			@RequestParam(required = false) @Nullable String name, @RequestParam(required = false) @Nullable String street,
			@RequestParam(required = false) @Nullable String postalCode,
			@RequestParam(required = false) @Nullable String city, @RequestParam(required = false) @Nullable String country,
			@RequestParam(required = false) @Nullable String companyName,
			@RequestParam(required = false) @Nullable String kvkNumber,
			@RequestParam(required = false) @Nullable String vatNumber, Authentication authentication) {
		AccountId account = BillingApi.account(authentication);
		ProfileInput profile = name == null && street == null ? null
				: new ProfileInput(name, street, postalCode, city, country, companyName, kvkNumber, vatNumber);
		// The form's radio value is "<planId>:<period>"; the ticked box is the acceptance of the version shown.
		int colon = planAndPeriod.indexOf(':');
		String planId = colon < 0 ? planAndPeriod : planAndPeriod.substring(0, colon);
		String period = colon < 0 ? "" : planAndPeriod.substring(colon + 1);
		Order placed;
		try {
			placed = ordering.place(account, new Ordering.Request(uuid(planId), period,
					acceptTerms == null ? null : acceptedTermsVersion, profile, Order.Channel.PANEL));
		}
		catch (InvalidInputException e) {
			return problem(account, HttpStatus.BAD_REQUEST, e.field(), e.getMessage());
		}
		catch (ConflictException e) {
			return problem(account, HttpStatus.CONFLICT, "order", e.getMessage());
		}
		// With kluis.billing.payment-required the subscription starts only when its invoice is paid: say so.
		boolean awaitingPayment = subscriptions.own(account, placed.subscriptionId())
			.status() == SubscriptionStatus.PENDING_PAYMENT;
		return new ModelAndView("redirect:" + PATH + (awaitingPayment ? "?ordered=" + AWAITING_PAYMENT : "?ordered"));
	}

	@PostMapping(PATH + "/subscriptions/{id}/cancel")
	String cancel(@PathVariable String id, Authentication authentication) {
		subscriptions.cancel(BillingApi.account(authentication), BillingApi.id(id));
		return "redirect:" + PATH + "?cancelled";
	}

	@PostMapping(PATH + "/subscriptions/{id}/change")
	ModelAndView change(@PathVariable String id, @RequestParam(defaultValue = "") String planId,
			Authentication authentication) {
		AccountId account = BillingApi.account(authentication);
		Subscription current = subscriptions.own(account, BillingApi.id(id));
		try {
			UUID planUuid = uuid(planId);
			Plan plan = planUuid == null ? null : catalogue.orderablePlan(planUuid).orElse(null);
			BillingPeriod period = current.terms().period();
			if (plan == null || plan.price(period).isEmpty()) {
				throw new InvalidInputException("planId", "choose a plan offered per " + period.code());
			}
			subscriptions.changePlan(account, current.id(), plan.terms(period));
		}
		catch (InvalidInputException e) {
			return problem(account, HttpStatus.BAD_REQUEST, e.field(), e.getMessage());
		}
		catch (ConflictException e) {
			return problem(account, HttpStatus.CONFLICT, "change", e.getMessage());
		}
		return new ModelAndView("redirect:" + PATH + "?changed");
	}

	private ModelAndView problem(AccountId account, HttpStatus status, String field, String message) {
		var page = new ModelAndView("billing/panel-billing", status);
		fill(page.getModelMap(), account);
		page.addObject("invalidField", field);
		page.addObject("invalidMessage", message);
		return page;
	}

	private void fill(org.springframework.ui.ModelMap model, AccountId account) {
		var products = catalogue.orderable();
		var own = subscriptions.ofCustomer(account);
		model.addAttribute("products", products);
		model.addAttribute("subscriptions", own);
		// the plans each subscription can change to (same kind, priced for its period); none: no change form
		var changeTo = new java.util.HashMap<UUID, java.util.List<Plan>>();
		own.forEach(sub -> changeTo.put(sub.id(), products.stream()
			.filter(product -> product.kind() == sub.terms().kind())
			.flatMap(product -> product.plans().stream())
			.filter(plan -> !plan.id().equals(sub.terms().planId()) && plan.price(sub.terms().period()).isPresent())
			.toList()));
		model.addAttribute("changeTo", changeTo);
		model.addAttribute("profile", ordering.profile(account));
		model.addAttribute("termsVersion", ordering.currentTermsVersion());
		var invoices = invoicing.of(account);
		model.addAttribute("invoices", invoices);
		// what is still open on each invoice (credit notes have nothing to pay): the pay button's amount, in
		// cents and passed to the message as text (a number argument would be formatted as "12.1"); one
		// query for the whole list
		var open = new java.util.HashMap<java.util.UUID, java.math.BigDecimal>();
		settlements.openAmounts(invoices.stream()
			.filter(i -> i.kind() == io.kluis.billing.document.InvoiceDocument.Kind.INVOICE)
			.map(i -> i.id())
			.toList()).forEach((id, amount) -> open.put(id.value(), amount.setScale(2, java.math.RoundingMode.HALF_UP)));
		model.addAttribute("open", open);
	}

	private void fill(Model model, AccountId account) {
		var map = new org.springframework.ui.ModelMap();
		fill(map, account);
		model.addAllAttributes(map);
	}

	private static @Nullable UUID uuid(String value) {
		try {
			return value.isBlank() ? null : UUID.fromString(value.strip());
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInputException("planId", "planId names no plan that can be ordered");
		}
	}
}
