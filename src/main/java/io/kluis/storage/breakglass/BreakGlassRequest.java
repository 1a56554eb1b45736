package io.kluis.storage.breakglass;

import io.kluis.crypto.Sealed;
import io.kluis.shared.AccountId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One break-glass request and what became of it. Access exists only while {@link #grantsAt} holds:
 * approved and not yet expired, whatever the stored state says about a job that has not run yet.
 * {@link #toString()} leaves the sealed reason out.
 *
 * @param account the customer whose space it is
 * @param reason sealed under the customer's data key; {@code null} once the customer was erased
 */
public record BreakGlassRequest(UUID id, AccountId account, UUID space, @Nullable Sealed reason, Duration duration,
		BreakGlassState state, AccountId requestedBy, Instant requestedAt, @Nullable AccountId decidedBy,
		@Nullable Instant decidedAt, @Nullable Instant expiresAt, @Nullable AccountId endedBy,
		@Nullable Instant endedAt) {

	static BreakGlassRequest file(AccountId account, UUID space, Sealed reason, Duration duration, AccountId staff,
			Instant now) {
		return new BreakGlassRequest(UUID.randomUUID(), account, space, reason, duration, BreakGlassState.REQUESTED,
				staff, now, null, null, null, null, null);
	}

	/** Whether the request gives access at this moment. */
	public boolean grantsAt(Instant now) {
		return state == BreakGlassState.APPROVED && expiresAt != null && now.isBefore(expiresAt);
	}

	/** Whether a decision can still be taken: requested, within the decision window. */
	boolean decidableAt(Instant now) {
		return state == BreakGlassState.REQUESTED && now.isBefore(requestedAt.plus(BreakGlassRules.DECISION_WINDOW));
	}

	/** The staff members who may open the content while the grant lasts. */
	boolean isParty(AccountId staff) {
		return staff.equals(requestedBy) || staff.equals(decidedBy);
	}

	/** What the request looks like now: an approval past its end or an undecided request past its window is expired. */
	public BreakGlassState stateAt(Instant now) {
		if (state == BreakGlassState.APPROVED && !grantsAt(now)) {
			return BreakGlassState.EXPIRED;
		}
		if (state == BreakGlassState.REQUESTED && !decidableAt(now)) {
			return BreakGlassState.EXPIRED;
		}
		return state;
	}

	@Override
	public String toString() {
		return "BreakGlassRequest[id=" + id + ", state=" + state + "]";
	}
}
