package io.kluis.billing.payments;

import org.jspecify.annotations.Nullable;

/**
 * A mandate the provider holds for a customer. The IBAN and the mandate reference are personal data:
 * stored only sealed, never logged; {@link #toString()} leaves them out.
 *
 * @param status {@code valid}, {@code pending} or {@code invalid} (Mollie's mandate statuses)
 * @param method {@code directdebit}, {@code creditcard} or {@code paypal}
 */
public record ProviderMandate(String id, String customerId, String status, String method, @Nullable String iban,
		@Nullable String mandateReference) {

	public boolean isValid() {
		return "valid".equals(status);
	}

	@Override
	public String toString() {
		return "ProviderMandate[id=" + id + ", status=" + status + ", method=" + method + "]";
	}
}
