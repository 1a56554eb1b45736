package io.kluis.billing;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A cancelled subscription reached the end of its term and ended; its product was de-provisioned. */
public record SubscriptionEnded(SubscriptionRef subscription, AccountId account, PlanTerms terms, Instant endedAt) implements Auditable {

	@Override
	public String auditCode() {
		return "billing.subscription.ended";
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
		return Map.of("subscription", subscription.toString());
	}
}
