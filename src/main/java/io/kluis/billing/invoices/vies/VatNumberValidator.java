package io.kluis.billing.invoices.vies;

import java.util.regex.Pattern;

/**
 * Checks an EU VAT number against VIES (the port; adapters: {@link FakeVatNumberValidator},
 * {@link ViesRestValidator}). Never throws for an answer VIES gives or fails to give: an outage is
 * {@link VatCheck.Status#UNAVAILABLE}, a malformed number {@link VatCheck.Status#INVALID}.
 */
public interface VatNumberValidator {

	/** A VAT number with its country prefix: two letters, then 2 to 12 letters or digits. */
	Pattern FORMAT = Pattern.compile("[A-Z]{2}[0-9A-Z]{2,12}");

	/**
	 * @param vatNumber with its country prefix, e.g. {@code DE123456789} (Greece: {@code EL…})
	 */
	VatCheck check(String vatNumber);

	/** Upper case without spaces, dots and dashes, as VIES expects it. */
	static String normalise(String vatNumber) {
		return vatNumber.replaceAll("[\\s.\\-]", "").toUpperCase(java.util.Locale.ROOT);
	}
}
