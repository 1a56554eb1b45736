package io.kluis.billing.payments;

import java.util.Optional;

/**
 * The port to a payment service provider: Mollie in production ({@code kluis.billing.mollie.api-key}),
 * the local test checkout otherwise. Every adapter passes {@code PaymentProviderContract}.
 *
 * <p>Card data never passes through Kluis: the customer pays on the provider's checkout page.
 */
public interface PaymentProvider {

	/** A stable name stored with each payment ({@code mollie}, {@code test}) and used in webhook paths. */
	String name();

	/**
	 * Creates a payment. For one-off and first payments the result carries the checkout URL to send the
	 * customer to.
	 * @throws PaymentProviderException when the provider refuses the request or cannot be reached
	 */
	ProviderPayment create(PaymentRequest request);

	/**
	 * Fetches the payment's current state.
	 * @throws PaymentProviderException with {@link PaymentProviderException#isNotFound()} for an id the
	 * provider does not know
	 */
	ProviderPayment fetch(String providerPaymentId);

	/**
	 * Creates the provider's customer record for an account, needed before a first payment. Only the
	 * account id goes along, as metadata: the provider's checkout asks the customer for what it needs.
	 * @return the provider's customer id ({@code cst_…})
	 */
	String createCustomer(String accountReference);

	/** A mandate of a customer, or empty when the provider knows no such mandate. */
	Optional<ProviderMandate> mandate(String customerId, String mandateId);

	/**
	 * Deletes the provider's customer, which revokes its mandates (erasure of the account: no further
	 * charges, and the processor no longer holds the IBAN for Kluis). Idempotent: an unknown customer
	 * is already gone.
	 * @throws PaymentProviderException when the provider cannot be reached or refuses
	 */
	void deleteCustomer(String customerId);
}
