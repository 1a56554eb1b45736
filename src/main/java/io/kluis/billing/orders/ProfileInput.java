package io.kluis.billing.orders;

import io.kluis.billing.BillingProfile;
import io.kluis.shared.web.InvalidInputException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A billing profile as typed (panel form or API JSON), checked into a {@link BillingProfile}. Errors name
 * the field and the rule, never the value.
 */
public record ProfileInput(@Nullable String name, @Nullable String street, @Nullable String postalCode,
		@Nullable String city, @Nullable String country, @Nullable String companyName, @Nullable String kvkNumber,
		@Nullable String vatNumber) {

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private static final Pattern KVK = Pattern.compile("[0-9]{8}");

	private static final Pattern VAT = Pattern.compile("[A-Z]{2}[0-9A-Z+*.]{2,12}");

	@Override
	public String toString() {
		return "ProfileInput[...]";
	}

	public BillingProfile check() {
		String c = country == null ? "" : country.strip().toUpperCase(Locale.ROOT);
		if (!COUNTRIES.contains(c)) {
			throw new InvalidInputException("country", "country must be a two-letter ISO 3166 code such as NL");
		}
		String kvk = optional("kvkNumber", kvkNumber, 8);
		if (kvk != null && !KVK.matcher(kvk).matches()) {
			throw new InvalidInputException("kvkNumber", "kvkNumber must be 8 digits");
		}
		String vat = optional("vatNumber", vatNumber == null ? null : vatNumber.replace(" ", ""), 14);
		if (vat != null) {
			vat = vat.toUpperCase(Locale.ROOT);
			if (!VAT.matcher(vat).matches()) {
				throw new InvalidInputException("vatNumber", "vatNumber must start with the country prefix, such as NL123456789B01");
			}
		}
		String company = optional("companyName", companyName, 200);
		if ((kvk != null || vat != null) && company == null) {
			throw new InvalidInputException("companyName", "a KvK or VAT number belongs to a company: give its name");
		}
		return new BillingProfile(required("name", name, 200), required("street", street, 200),
				required("postalCode", postalCode, 20), required("city", city, 100), c, company, kvk, vat);
	}

	private static String required(String field, @Nullable String value, int max) {
		String v = value == null ? "" : value.strip();
		if (v.isEmpty() || v.length() > max || v.chars().anyMatch(ch -> ch < 0x20)) {
			throw new InvalidInputException(field, field + " must be 1 to " + max + " characters on one line");
		}
		return v;
	}

	private static @Nullable String optional(String field, @Nullable String value, int max) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return required(field, value, max);
	}
}
