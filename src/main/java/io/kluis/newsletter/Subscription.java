package io.kluis.newsletter;

import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A newsletter subscription: requested, confirmed by the address owner (double opt-in, CON-1), or
 * withdrawn. Its id is also the owner of the data key its email is sealed under, so erasing it is
 * destroying that key. {@code unsubscribeSecret} goes into every issue's one-click link.
 */
public record Subscription(UUID id, @Nullable AccountId account, EmailAddress email, Locale locale, Status status,
		Instant requestedAt, Instant lapsesAt, @Nullable Instant confirmedAt, @Nullable Instant withdrawnAt,
		String unsubscribeSecret) {

	public enum Status {
		PENDING, CONFIRMED, WITHDRAWN
	}

	boolean isActive() {
		return status != Status.WITHDRAWN;
	}

	/** Confirmation from the mailed link; refused once withdrawn or lapsed. */
	Subscription confirm(Instant at, @Nullable AccountId linkedAccount) {
		if (status != Status.PENDING || !at.isBefore(lapsesAt)) {
			throw new IllegalStateException("only a pending, unlapsed subscription can be confirmed");
		}
		return new Subscription(id, account != null ? account : linkedAccount, email, locale, Status.CONFIRMED,
				requestedAt, lapsesAt, at, null, unsubscribeSecret);
	}

	Subscription withdraw(Instant at) {
		if (status == Status.WITHDRAWN) {
			throw new IllegalStateException("already withdrawn");
		}
		return new Subscription(id, account, email, locale, Status.WITHDRAWN, requestedAt, lapsesAt, confirmedAt, at,
				unsubscribeSecret);
	}

	@Override
	public String toString() {
		return "Subscription[" + id + ", " + status + "]";
	}
}
