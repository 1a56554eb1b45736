package io.kluis.billing.settlement;

import io.kluis.billing.SubscriptionRef;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Opens {@link Settlements}' package-private helpers to tests in other packages. */
public final class SettlementsAccess {

	private SettlementsAccess() {
	}

	public static Optional<SubscriptionRef> subscription(@Nullable String sourceReference) {
		return Settlements.subscription(sourceReference);
	}
}
