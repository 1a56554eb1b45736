package io.kluis.billing.invoices.vies;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * VIES's answer for one VAT number.
 *
 * @param consultation the consultation number VIES gives when the requester's own VAT number is sent
 *        (proof, for the tax authority, that the number was checked); null when none
 */
public record VatCheck(Status status, Instant checkedAt, @Nullable String consultation) {

	public enum Status {
		/** Registered for intra-EU transactions. */
		VALID,
		/** Not registered, or not a well-formed number. */
		INVALID,
		/** VIES or the member state's service did not answer: ask again later. */
		UNAVAILABLE
	}

	public static VatCheck valid(Instant at, @Nullable String consultation) {
		return new VatCheck(Status.VALID, at, consultation);
	}

	public static VatCheck invalid(Instant at) {
		return new VatCheck(Status.INVALID, at, null);
	}

	public static VatCheck unavailable(Instant at) {
		return new VatCheck(Status.UNAVAILABLE, at, null);
	}
}
