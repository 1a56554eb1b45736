package io.kluis.billing.invoices;

/** How an invoice's VAT was decided (see {@link Invoicing} for the rules). */
public enum VatScheme {
	/** A consumer or business in the Netherlands: Dutch VAT, 21 % (category S). */
	DOMESTIC,
	/**
	 * A consumer (or a business without a validated VAT number) in another EU country: Dutch VAT, 21 %
	 * (category S). Assumes the provider stays below the EU-wide EUR 10 000 threshold of art. 59c of
	 * Directive 2006/112/EC; above it the customer's country's VAT is due (OSS), which Kluis does not do.
	 */
	EU_CONSUMER,
	/** A business in another EU country whose VAT number VIES validated: reverse charge (category AE, 0 %). */
	REVERSE_CHARGE,
	/** A customer outside the EU: not subject to Dutch VAT (category O). */
	OUTSIDE_EU
}
