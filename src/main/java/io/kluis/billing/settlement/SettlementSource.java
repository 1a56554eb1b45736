package io.kluis.billing.settlement;

/** Where a settlement came from; with the source's own key it identifies the settlement. */
public enum SettlementSource {
	/** A payment through the payment provider: the key is Kluis's payment id. */
	PAYMENT,
	/** A bank statement entry: the key is the import's key of the entry. */
	BANK,
	/** Recorded by staff: the key is chosen by the caller (e.g. a ticket). */
	STAFF
}
