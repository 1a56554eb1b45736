package io.kluis.billing.payments;

import io.kluis.billing.payments.fake.FakePaymentProvider;
import io.kluis.billing.payments.mollie.MollieConfigured;
import io.kluis.billing.payments.mollie.MolliePaymentProvider;
import io.kluis.billing.payments.mollie.MollieProperties;
import io.kluis.shared.StartupRefusal;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Chooses the payment provider: Mollie when {@code kluis.billing.mollie.api-key} is set, otherwise the
 * in-memory provider with the local test checkout, which the {@code prod} profile refuses (anyone
 * could mark a payment paid there).
 */
@Configuration(proxyBeanMethods = false)
class PaymentProviderConfiguration {

	@Bean
	@Conditional(MollieConfigured.class)
	PaymentProvider molliePaymentProvider(MollieProperties properties) {
		return new MolliePaymentProvider(properties);
	}

	@Bean
	@Conditional(MollieConfigured.Absent.class)
	FakePaymentProvider testPaymentProvider(@Value("${kluis.base-url}") URI baseUrl, Clock clock, Environment environment) {
		if (Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
			throw new StartupRefusal("The prod profile needs a real payment provider: set kluis.billing.mollie.api-key "
					+ "(the test checkout lets anyone mark a payment paid).");
		}
		return new FakePaymentProvider(baseUrl, clock);
	}
}
