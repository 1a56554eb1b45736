package io.kluis.billing.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PaymentProvider} promises Kluis, run against each adapter by a subclass: a payment
 * starts open with a checkout, comes back by its id with the amount and metadata it was created
 * with, follows the status the customer or bank gives it, an unknown id is a not-found (never
 * something else), and a first payment leaves a mandate that a recurring charge uses.
 */
public abstract class PaymentProviderContract {

	protected static final URI REDIRECT = URI.create("https://kluis.example/panel/billing/payments/done");

	protected static final URI WEBHOOK = URI.create("https://kluis.example/api/v1/billing/payments/webhook/mollie");

	/** The adapter under test, talking to a fresh provider. */
	protected abstract PaymentProvider provider();

	/** Plays the customer or the bank: moves the payment at the provider to this status. */
	protected abstract void settle(String providerPaymentId, PaymentStatus status);

	@Test
	@DisplayName("A one-off payment starts open, with a checkout URL, the exact amount and its metadata")
	void oneOffPaymentStartsOpen() {
		ProviderPayment created = provider().create(PaymentRequest.oneOff(EuroAmount.of("10.5"), "Factuur 2026-000001",
				REDIRECT, WEBHOOK, Map.of("payable", "invoice-1")));

		assertThat(created.id()).startsWith("tr_");
		assertThat(created.status()).isEqualTo(PaymentStatus.OPEN);
		assertThat(created.checkoutUrl()).isNotNull();
		assertThat(created.amount().plain()).isEqualTo("10.50");
		assertThat(created.sequenceType()).isEqualTo(SequenceType.ONEOFF);
		assertThat(created.metadata()).containsEntry("payable", "invoice-1");
	}

	@Test
	@DisplayName("BIL-1: a create retried with the same idempotency key returns the first payment, not a second one; "
			+ "another key creates another")
	void retriedCreateWithSameIdempotencyKeyReturnsFirstPayment() {
		PaymentRequest request = PaymentRequest.oneOff(EuroAmount.of("7.00"), "Factuur 2026-000005", REDIRECT, WEBHOOK,
				Map.of("payable", "invoice-5")).withIdempotencyKey("kluis-payment-contract-1");

		ProviderPayment first = provider().create(request);
		ProviderPayment retried = provider().create(request);
		ProviderPayment other = provider().create(request.withIdempotencyKey("kluis-payment-contract-2"));

		assertThat(retried.id()).isEqualTo(first.id());
		assertThat(retried.amount()).isEqualTo(first.amount());
		assertThat(other.id()).isNotEqualTo(first.id());
	}

	@Test
	@DisplayName("A payment fetched by its id says what it was created with")
	void fetchedPaymentMatchesCreated() {
		ProviderPayment created = provider().create(PaymentRequest.oneOff(EuroAmount.of("0.01"), "Factuur 2026-000002",
				REDIRECT, WEBHOOK, Map.of("payable", "invoice-2")));

		ProviderPayment fetched = provider().fetch(created.id());

		assertThat(fetched.id()).isEqualTo(created.id());
		assertThat(fetched.status()).isEqualTo(PaymentStatus.OPEN);
		assertThat(fetched.amount()).isEqualTo(EuroAmount.of("0.01"));
		assertThat(fetched.metadata()).containsEntry("payable", "invoice-2");
		assertThat(fetched.paidAt()).isNull();
	}

	@Test
	@DisplayName("Paid is reported with the moment it was paid; a finished payment no longer offers a checkout")
	void paidPaymentIsReported() {
		ProviderPayment created = provider().create(
				PaymentRequest.oneOff(EuroAmount.of("12.10"), "Factuur 2026-000003", REDIRECT, WEBHOOK, Map.of()));

		settle(created.id(), PaymentStatus.PAID);

		ProviderPayment fetched = provider().fetch(created.id());
		assertThat(fetched.status()).isEqualTo(PaymentStatus.PAID);
		assertThat(fetched.paidAt()).isNotNull();
		assertThat(fetched.checkoutUrl()).isNull();
	}

	@Test
	@DisplayName("Failed, cancelled and expired payments are reported as such")
	void unsuccessfulOutcomesAreReported() {
		for (PaymentStatus outcome : new PaymentStatus[] { PaymentStatus.FAILED, PaymentStatus.CANCELED,
				PaymentStatus.EXPIRED }) {
			ProviderPayment created = provider().create(
					PaymentRequest.oneOff(EuroAmount.of("5.00"), "Factuur 2026-000004", REDIRECT, WEBHOOK, Map.of()));
			settle(created.id(), outcome);
			assertThat(provider().fetch(created.id()).status()).isEqualTo(outcome);
			assertThat(provider().fetch(created.id()).paidAt()).isNull();
		}
	}

	@Test
	@DisplayName("An id the provider does not know is a not-found, also when it is not shaped like an id")
	void unknownIdIsNotFound() {
		for (String id : new String[] { "tr_doesNotExist1", "tr_", "../v2/customers", "" }) {
			assertThatThrownBy(() -> provider().fetch(id)).isInstanceOfSatisfying(PaymentProviderException.class,
					e -> assertThat(e.isNotFound()).isTrue());
		}
	}

	@Test
	@DisplayName("BIL-3: a paid first payment leaves a valid mandate with its IBAN (never in its toString); a recurring charge on it needs no checkout")
	void firstPaymentCreatesMandateForRecurringCharges() {
		String customer = provider().createCustomer("account-1");
		assertThat(customer).startsWith("cst_");
		ProviderPayment first = provider().create(PaymentRequest.first(EuroAmount.of("1.00"), "Machtiging Kluis",
				REDIRECT, WEBHOOK, Map.of(), customer));
		assertThat(first.sequenceType()).isEqualTo(SequenceType.FIRST);
		assertThat(first.checkoutUrl()).isNotNull();

		settle(first.id(), PaymentStatus.PAID);

		ProviderPayment paid = provider().fetch(first.id());
		assertThat(paid.mandateId()).startsWith("mdt_");
		ProviderMandate mandate = provider().mandate(customer, paid.mandateId()).orElseThrow();
		assertThat(mandate.isValid()).isTrue();
		assertThat(mandate.iban()).isNotBlank();
		assertThat(mandate.toString()).doesNotContain(mandate.iban());

		ProviderPayment recurring = provider().create(PaymentRequest.recurring(EuroAmount.of("4.99"),
				"Abonnement december", WEBHOOK, Map.of(), customer, paid.mandateId()));
		assertThat(recurring.sequenceType()).isEqualTo(SequenceType.RECURRING);
		assertThat(recurring.checkoutUrl()).isNull();
		assertThat(recurring.mandateId()).isEqualTo(paid.mandateId());
		assertThat(recurring.status()).isIn(PaymentStatus.PENDING, PaymentStatus.PAID);
	}

	@Test
	@DisplayName("A recurring charge for a customer without a valid mandate is refused, not created")
	void recurringWithoutMandateIsRefused() {
		String customer = provider().createCustomer("account-2");
		assertThatThrownBy(() -> provider().create(PaymentRequest.recurring(EuroAmount.of("4.99"),
				"Abonnement december", WEBHOOK, Map.of(), customer, null)))
			.isInstanceOfSatisfying(PaymentProviderException.class, e -> assertThat(e.status()).isEqualTo(422));
	}

	@Test
	@DisplayName("RIG-3: deleting the customer revokes its mandate: no recurring charge afterwards; deleting again is fine")
	void deletingCustomerRevokesMandate() {
		String customer = provider().createCustomer("account-4");
		ProviderPayment first = provider().create(PaymentRequest.first(EuroAmount.of("1.00"), "Machtiging Kluis",
				REDIRECT, WEBHOOK, Map.of(), customer));
		settle(first.id(), PaymentStatus.PAID);
		String mandate = provider().fetch(first.id()).mandateId();

		provider().deleteCustomer(customer);
		provider().deleteCustomer(customer);

		assertThat(provider().mandate(customer, mandate)).isEmpty();
		assertThatThrownBy(() -> provider().create(PaymentRequest.recurring(EuroAmount.of("4.99"), "Abonnement",
				WEBHOOK, Map.of(), customer, mandate))).isInstanceOf(PaymentProviderException.class);
	}

	@Test
	@DisplayName("A mandate of another customer, or an unknown one, is not found")
	void foreignMandateIsNotFound() {
		String customer = provider().createCustomer("account-3");
		assertThat(provider().mandate(customer, "mdt_unknown1")).isEmpty();
	}
}
