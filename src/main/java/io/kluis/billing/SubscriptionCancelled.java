package io.kluis.billing;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The customer cancelled; the subscription ends at {@code endsAt}, the end of the paid term (BIL-6). */
public record SubscriptionCancelled(SubscriptionRef subscription, AccountId account, Instant cancelledAt,
		Instant endsAt) implements Auditable {

	@Override
	public String auditCode() {
		return "billing.subscription.cancelled";
	}

	@Override
	public @Nullable AccountId subject() {
		return account;
	}

	@Override
	public @Nullable AccountId actor() {
		return account;
	}

	@Override
	public Map<String, String> auditDetails() {
		return Map.of("subscription", subscription.toString(), "endsAt", endsAt.toString());
	}
}
