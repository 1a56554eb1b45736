package io.kluis.billing.dunning;

/** The steps of dunning an unpaid invoice, each taken at most once per invoice. */
public enum DunningStep {
	/** The first reminder mail. */
	FIRST_REMINDER,
	/** The second reminder mail, announcing the suspension. */
	SECOND_REMINDER,
	/** The services the invoice pays for were suspended (and the customer was mailed). */
	SUSPENSION,
	/** Staff handed the claim to a collection agency (recorded as a disclosure). */
	COLLECTION
}
