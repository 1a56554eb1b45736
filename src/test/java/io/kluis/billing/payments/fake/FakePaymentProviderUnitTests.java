package io.kluis.billing.payments.fake;

import io.kluis.billing.payments.PaymentProvider;
import io.kluis.billing.payments.PaymentProviderContract;
import io.kluis.billing.payments.PaymentStatus;
import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;

/** The in-memory provider (the development default) keeps the same contract as Mollie. */
class FakePaymentProviderUnitTests extends PaymentProviderContract {

	FakePaymentProvider provider;

	@BeforeEach
	void fresh() {
		provider = new FakePaymentProvider(URI.create("http://localhost:8080/"), Clock.systemUTC());
	}

	@Override
	protected PaymentProvider provider() {
		return provider;
	}

	@Override
	protected void settle(String providerPaymentId, PaymentStatus status) {
		provider.settle(providerPaymentId, status);
	}
}
