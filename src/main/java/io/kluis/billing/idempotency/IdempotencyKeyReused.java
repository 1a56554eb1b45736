package io.kluis.billing.idempotency;

import io.kluis.shared.web.ProblemStatus;

/**
 * The same {@code Idempotency-Key} came with a different request (another plan, another invoice): 422,
 * as the IETF draft on the header advises. Nothing is done; the message names neither key nor request.
 */
public class IdempotencyKeyReused extends RuntimeException implements ProblemStatus {

	IdempotencyKeyReused() {
		super("This Idempotency-Key was used for a different request in the last 24 hours; use a new key.");
	}

	@Override
	public int httpStatus() {
		return 422;
	}
}
