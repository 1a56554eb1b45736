package io.kluis.billing;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A term ended without a cancellation and the next one began; the invoicing bills {@code periodStart}–{@code periodEnd}. */
public record SubscriptionRenewed(SubscriptionRef subscription, AccountId account, PlanTerms terms,
		Instant periodStart, Instant periodEnd) implements Auditable {

	@Override
	public String auditCode() {
		return "billing.subscription.renewed";
	}

	@Override
	public @Nullable AccountId subject() {
		return account;
	}

	@Override
	public @Nullable AccountId actor() {
		return null;
	}

	@Override
	public Map<String, String> auditDetails() {
		return Map.of("subscription", subscription.toString(), "periodStart", periodStart.toString());
	}
}
