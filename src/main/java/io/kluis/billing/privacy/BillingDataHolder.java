package io.kluis.billing.privacy;

import io.kluis.billing.BillingProfile;
import io.kluis.billing.idempotency.IdempotencyKeys;
import io.kluis.billing.orders.BillingProfileStore;
import io.kluis.billing.orders.Order;
import io.kluis.billing.invoicing.SubscriptionInvoiceLedger;
import io.kluis.billing.orders.Orders;
import io.kluis.billing.subscriptions.Subscription;
import io.kluis.billing.subscriptions.SubscriptionLifecycle;
import io.kluis.billing.subscriptions.Subscriptions;
import io.kluis.crypto.DataKeyDestroyedException;
import io.kluis.shared.AccountId;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.Erased;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Billing's personal data: the register's {@code billing-profile}, {@code billing-orders} and
 * {@code billing-subscriptions} (purpose {@code billing}, contract).
 *
 * <p><b>Erasure</b> ends every live subscription first (the contract ends, BIL-6; the provisioners are
 * told), then deletes the profile, the orders, the subscriptions, the plan changes and the invoicing's
 * record of what the subscriptions owed ({@code billing_subscription_invoices}). The fiscal record
 * (invoices) is the invoicing's, under its own legal hold.
 *
 * <p><b>Retention</b>: the profile goes with the account (erased at closure); an order, its subscription
 * and the plan changes go one year after the subscription ended.
 */
@Component
class BillingDataHolder implements PersonalDataHolder {

	static final String PROFILE = "billing-profile";

	static final String ORDERS = "billing-orders";

	static final String SUBSCRIPTIONS = "billing-subscriptions";

	private final BillingProfileStore profiles;

	private final Orders orders;

	private final Subscriptions subscriptions;

	private final SubscriptionLifecycle lifecycle;

	private final SubscriptionInvoiceLedger invoicingLedger;

	private final IdempotencyKeys idempotencyKeys;

	BillingDataHolder(BillingProfileStore profiles, Orders orders, Subscriptions subscriptions,
			SubscriptionLifecycle lifecycle, SubscriptionInvoiceLedger invoicingLedger, IdempotencyKeys idempotencyKeys) {
		this.idempotencyKeys = idempotencyKeys;
		this.profiles = profiles;
		this.orders = orders;
		this.subscriptions = subscriptions;
		this.lifecycle = lifecycle;
		this.invoicingLedger = invoicingLedger;
	}

	@Override
	public String module() {
		return "billing";
	}

	@Override
	public Set<String> categories() {
		return Set.of(PROFILE, ORDERS, SUBSCRIPTIONS);
	}

	@Override
	public Map<String, String> personalColumns() {
		return Map.of("billing_profiles.account_id", PROFILE, "billing_profiles.profile_sealed", PROFILE,
				"billing_orders.account_id", ORDERS, "billing_subscriptions.account_id", SUBSCRIPTIONS,
				"billing_plan_changes.account_id", SUBSCRIPTIONS, "billing_subscription_invoices.account_id", SUBSCRIPTIONS,
				"billing_subscriptions.live_storage_account", SUBSCRIPTIONS,
				"billing_idempotency_keys.account_id", ORDERS);
	}

	@Override
	public List<ExportedCategory> export(DataSubject subject) {
		AccountId account = subject.account();
		if (account == null) {
			return List.of(ExportedCategory.of(PROFILE, PROFILE_COLUMNS, List.of()),
					ExportedCategory.of(ORDERS, ORDER_COLUMNS, List.of()),
					ExportedCategory.of(SUBSCRIPTIONS, SUBSCRIPTION_COLUMNS, List.of()));
		}
		return List.of(ExportedCategory.of(PROFILE, PROFILE_COLUMNS, profile(account)),
				ExportedCategory.of(ORDERS, ORDER_COLUMNS, orders.of(account).stream().map(BillingDataHolder::row).toList()),
				new ExportedCategory(SUBSCRIPTIONS, SUBSCRIPTION_COLUMNS, subscriptionRows(account)));
	}

	static final List<String> PROFILE_COLUMNS = List.of("name", "street", "postalCode", "city", "country",
			"companyName", "kvkNumber", "vatNumber");

	static final List<String> ORDER_COLUMNS = List.of("order", "orderedAt", "product", "plan", "kind", "period",
			"price", "currency", "quotaBytes", "termsVersion", "termsAcceptedAt", "channel", "subscription");

	static final List<String> SUBSCRIPTION_COLUMNS = List.of("subscription", "product", "plan", "kind", "period",
			"price", "status", "periodStart", "periodEnd", "cancelledAt", "endedAt");

	private List<Map<String, Object>> profile(AccountId account) {
		BillingProfile p;
		try {
			p = profiles.find(account).orElse(null);
		}
		catch (DataKeyDestroyedException e) {
			return List.of();
		}
		if (p == null) {
			return List.of();
		}
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("name", p.name());
		row.put("street", p.street());
		row.put("postalCode", p.postalCode());
		row.put("city", p.city());
		row.put("country", p.countryCode());
		row.put("companyName", blank(p.companyName()));
		row.put("kvkNumber", blank(p.kvkNumber()));
		row.put("vatNumber", blank(p.vatNumber()));
		return List.of(row);
	}

	private static Map<String, Object> row(Order o) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("order", o.id().toString());
		row.put("orderedAt", o.orderedAt().toString());
		row.put("product", o.terms().productName());
		row.put("plan", o.terms().planName());
		row.put("kind", o.terms().kind().name());
		row.put("period", o.terms().period().code());
		row.put("price", o.terms().price().toPlainString());
		row.put("currency", o.currency());
		row.put("quotaBytes", o.terms().quotaBytes() == null ? "" : o.terms().quotaBytes());
		row.put("termsVersion", o.termsVersion());
		row.put("termsAcceptedAt", o.termsAcceptedAt().toString());
		row.put("channel", o.channel().name().toLowerCase(java.util.Locale.ROOT));
		row.put("subscription", o.subscriptionId().toString());
		return row;
	}

	private List<Map<String, Object>> subscriptionRows(AccountId account) {
		var rows = new ArrayList<Map<String, Object>>();
		for (Subscription s : subscriptions.of(account)) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("subscription", s.id().toString());
			row.put("product", s.terms().productName());
			row.put("plan", s.terms().planName());
			row.put("kind", s.terms().kind().name());
			row.put("period", s.terms().period().code());
			row.put("price", s.terms().price().toPlainString());
			row.put("status", s.status().name());
			row.put("periodStart", s.periodStart().toString());
			row.put("periodEnd", s.periodEnd().toString());
			row.put("cancelledAt", s.cancelledAt() == null ? "" : s.cancelledAt().toString());
			row.put("endedAt", s.endedAt() == null ? "" : s.endedAt().toString());
			rows.add(row);
		}
		for (Map<String, Object> change : subscriptions.changesOf(account)) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("subscription", change.get("subscription"));
			row.put("planChange", "from plan " + change.get("fromPlan") + " (" + change.get("fromPrice") + ") to plan "
					+ change.get("toPlan") + " (" + change.get("toPrice") + ")");
			row.put("proration", change.get("proration"));
			row.put("changedAt", change.get("changedAt"));
			rows.add(row);
		}
		return rows;
	}

	@Override
	@Transactional
	public Erased erase(DataSubject subject) {
		AccountId account = subject.account();
		if (account == null) {
			return Erased.none();
		}
		lifecycle.endAllNow(account);
		int profile = profiles.delete(account);
		int orderCount = orders.deleteOf(account);
		idempotencyKeys.deleteOf(account);
		invoicingLedger.deleteOf(account);
		int subscriptionCount = subscriptions.deleteOf(account);
		return new Erased(Map.of(PROFILE, profile, ORDERS, orderCount, SUBSCRIPTIONS, subscriptionCount), Map.of());
	}

	@Override
	@Transactional
	public int applyRetention(String category, Instant cutoff, boolean dryRun) {
		switch (category) {
			case PROFILE:
				// Trigger ACCOUNT_CLOSED, period 0: erased at closure.
				return 0;
			case ORDERS:
			case SUBSCRIPTIONS: {
				List<UUID> ended = subscriptions.endedBefore(cutoff);
				if (!dryRun) {
					for (UUID id : ended) {
						// An order goes with its subscription: deleting the subscription takes its order too.
						orders.deleteForSubscription(id);
						if (SUBSCRIPTIONS.equals(category)) {
							invoicingLedger.deleteForSubscription(id);
							subscriptions.delete(id);
						}
					}
				}
				return ended.size();
			}
			default:
				throw new IllegalArgumentException("not a category of billing: " + category);
		}
	}

	private static Object blank(@Nullable String value) {
		return value == null ? "" : value;
	}
}
