package io.kluis.billing.dunning;

import io.kluis.shared.web.InvalidInputException;
import org.jspecify.annotations.Nullable;

/** Why staff hand an unpaid invoice to a collection agency: a closed list, so no free text reaches the audit. */
public enum CollectionReason {
	UNPAID_AFTER_REMINDERS, PAYMENT_ARRANGEMENT_BROKEN, NO_RESPONSE;

	static CollectionReason parse(@Nullable String text) {
		if (text != null) {
			for (var reason : values()) {
				if (reason.name().equalsIgnoreCase(text.strip())) {
					return reason;
				}
			}
		}
		throw new InvalidInputException("reason",
				"reason is required: one of UNPAID_AFTER_REMINDERS, PAYMENT_ARRANGEMENT_BROKEN, NO_RESPONSE");
	}
}
