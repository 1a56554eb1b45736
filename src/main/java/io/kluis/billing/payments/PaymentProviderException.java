package io.kluis.billing.payments;

import org.jspecify.annotations.Nullable;

/**
 * The provider refused a call or could not be reached. The message carries the HTTP status, the
 * provider's problem title and the field it named, never the request's content or the provider's
 * free-text detail (which may quote personal data).
 */
public class PaymentProviderException extends RuntimeException {

	private final int status;

	private final @Nullable String field;

	public PaymentProviderException(int status, String title, @Nullable String field) {
		super("payment provider answered " + status + " (" + title + ")" + (field == null ? "" : " on field " + field));
		this.status = status;
		this.field = field;
	}

	public PaymentProviderException(String message, Throwable cause) {
		super(message, cause);
		this.status = 0;
		this.field = null;
	}

	/** The HTTP status, or 0 when the provider could not be reached. */
	public int status() {
		return status;
	}

	/** The request field the provider objected to ({@code amount.value}), if it named one. */
	public @Nullable String field() {
		return field;
	}

	/** The payment or customer does not exist at the provider (or is not this account's). */
	public boolean isNotFound() {
		return status == 404;
	}
}
