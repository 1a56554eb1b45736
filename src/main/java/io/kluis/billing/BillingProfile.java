package io.kluis.billing;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The name and address a customer's invoices are made out to, entered at the first order and stored
 * sealed under the customer's data key (SEC-3). A business adds its company name, KvK number and VAT
 * number (with country prefix, e.g. {@code NL…B01}). {@code toString()} shows the country only: the
 * rest is personal data.
 *
 * @param countryCode ISO 3166-1 alpha-2, upper case ({@code NL})
 */
public record BillingProfile(String name, String street, String postalCode, String city, String countryCode,
		@Nullable String companyName, @Nullable String kvkNumber, @Nullable String vatNumber) {

	public BillingProfile {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(street, "street");
		Objects.requireNonNull(postalCode, "postalCode");
		Objects.requireNonNull(city, "city");
		Objects.requireNonNull(countryCode, "countryCode");
	}

	/** Whether the customer orders as a business (a company name is given). */
	public boolean business() {
		return companyName != null;
	}

	@Override
	public String toString() {
		return "BillingProfile[" + countryCode + (business() ? ", business" : "") + "]";
	}
}
