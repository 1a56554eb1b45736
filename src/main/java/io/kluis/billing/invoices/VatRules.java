package io.kluis.billing.invoices;

import io.kluis.billing.document.InvoiceDocument.VatCategory;
import io.kluis.billing.invoices.vies.VatCheck;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which VAT an invoice carries (see {@link Invoicing}); pure, so the rules are tested without a
 * database. The seller is established in the Netherlands.
 */
final class VatRules {

	/** The EU member states (ISO 3166-1 alpha-2; Greece is GR here, EL in VIES). */
	static final Set<String> EU = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR",
			"HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");

	static final BigDecimal DUTCH_STANDARD_RATE = new BigDecimal("21.00");

	private VatRules() {
	}

	record Decision(VatScheme scheme, VatCategory category, BigDecimal ratePercent) {
	}

	/** Whether the buyer's VAT number has to be checked in VIES before the VAT can be decided. */
	static boolean needsViesCheck(String countryCode, @Nullable String vatNumber) {
		return !"NL".equals(countryCode) && EU.contains(countryCode) && vatNumber != null && !vatNumber.isBlank();
	}

	/**
	 * @param check the VIES answer when {@link #needsViesCheck} said so, else null
	 * @throws io.kluis.billing.invoices.VatNumberUnverifiable when VIES could not answer
	 */
	static Decision decide(String countryCode, @Nullable String vatNumber, @Nullable VatCheck check) {
		if ("NL".equals(countryCode)) {
			return new Decision(VatScheme.DOMESTIC, VatCategory.STANDARD, DUTCH_STANDARD_RATE);
		}
		if (!EU.contains(countryCode)) {
			return new Decision(VatScheme.OUTSIDE_EU, VatCategory.OUTSIDE_SCOPE, BigDecimal.ZERO.setScale(2));
		}
		if (needsViesCheck(countryCode, vatNumber)) {
			if (check == null || check.status() == VatCheck.Status.UNAVAILABLE) {
				throw new VatNumberUnverifiable();
			}
			if (check.status() == VatCheck.Status.VALID) {
				return new Decision(VatScheme.REVERSE_CHARGE, VatCategory.REVERSE_CHARGE, BigDecimal.ZERO.setScale(2));
			}
		}
		return new Decision(VatScheme.EU_CONSUMER, VatCategory.STANDARD, DUTCH_STANDARD_RATE);
	}

	/** The note on the invoice (BT-22) for a scheme, or null. */
	static @Nullable String note(VatScheme scheme, Locale language) {
		boolean dutch = "nl".equals(language.getLanguage());
		return switch (scheme) {
			case REVERSE_CHARGE -> dutch ? "Btw verlegd" : "VAT reverse charged";
			case OUTSIDE_EU -> dutch ? "Niet onderworpen aan Nederlandse btw: dienst verricht buiten de EU"
					: "Not subject to Dutch VAT: service supplied outside the EU";
			default -> null;
		};
	}

	/** The exemption reason (BT-120) of the scheme's VAT breakdown, or null for category S. */
	static @Nullable String exemptionReason(VatScheme scheme, Locale language) {
		boolean dutch = "nl".equals(language.getLanguage());
		return switch (scheme) {
			case REVERSE_CHARGE -> dutch ? "Btw verlegd (art. 196 Btw-richtlijn 2006/112/EG)"
					: "Reverse charge (art. 196 VAT Directive 2006/112/EC)";
			case OUTSIDE_EU -> dutch ? "Niet onderworpen aan btw in de EU (art. 44 Btw-richtlijn 2006/112/EG)"
					: "Not subject to VAT in the EU (art. 44 VAT Directive 2006/112/EC)";
			default -> null;
		};
	}
}
