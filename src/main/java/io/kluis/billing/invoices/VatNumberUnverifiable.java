package io.kluis.billing.invoices;

/**
 * An EU business customer's VAT number could not be checked now (VIES or the member state's service
 * is down). Nothing was issued and no number was used: try again later. Reverse charge without a
 * validated number would shift the VAT risk to the provider, and Dutch VAT on a valid business
 * customer would need a credit note afterwards, so issuing waits instead.
 */
public class VatNumberUnverifiable extends RuntimeException {

	public VatNumberUnverifiable() {
		super("the VAT number could not be checked in VIES now; try again later");
	}
}
