package io.kluis.billing.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kluis.billing.payments.fake.FakePaymentProvider;
import io.kluis.shared.StartupRefusal;
import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The test checkout, where anyone can mark a payment paid, never runs under the prod profile. */
class PaymentProviderConfigurationUnitTests {

	@Test
	@DisplayName("BIL-3: without a Mollie key the prod profile refuses to start; other profiles get the test checkout")
	void prodRefusesTheTestProvider() {
		var prod = new MockEnvironment();
		prod.setActiveProfiles("prod");
		assertThatThrownBy(() -> new PaymentProviderConfiguration().testPaymentProvider(URI.create("https://kluis.example"),
				Clock.systemUTC(), prod))
			.isInstanceOf(StartupRefusal.class)
			.hasMessageContaining("kluis.billing.mollie.api-key");

		assertThat(new PaymentProviderConfiguration().testPaymentProvider(URI.create("http://localhost:8080"),
				Clock.systemUTC(), new MockEnvironment())).isInstanceOf(FakePaymentProvider.class);
	}
}
