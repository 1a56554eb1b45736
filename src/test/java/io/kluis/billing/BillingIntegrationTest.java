package io.kluis.billing;

import io.kluis.KluisIntegrationTest;
import io.kluis.billing.bank.InMemoryOpenPayables;
import io.kluis.billing.payments.mollie.MollieTestServer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One application context for billing's payment and bank tests: Mollie is an in-test server that
 * follows Mollie's API ({@link #MOLLIE}), and open payables are in memory ({@link #PAYABLES}) until
 * invoicing provides them. Subclasses share the context (and the server), so they create their own data.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
@Import(BillingIntegrationTest.Payables.class)
public abstract class BillingIntegrationTest {

	protected static final MollieTestServer MOLLIE = new MollieTestServer();

	protected static final InMemoryOpenPayables PAYABLES = new InMemoryOpenPayables();

	@DynamicPropertySource
	static void mollie(DynamicPropertyRegistry registry) {
		registry.add("kluis.billing.mollie.api-key", () -> MollieTestServer.API_KEY);
		registry.add("kluis.billing.mollie.base-url", () -> MOLLIE.baseUrl().toString());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Payables {

		@Bean
		@Primary
		InMemoryOpenPayables testOpenPayables() {
			return PAYABLES;
		}
	}
}
