package io.kluis.billing.payments.fake;

import io.kluis.billing.payments.mollie.MollieConfigured;
import io.kluis.shared.web.WebSecurityContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The test checkout's public pages (anyone with a payment's link, as at a real provider's checkout),
 * declared only while the test provider is active.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(MollieConfigured.Absent.class)
class TestCheckoutWeb {

	@Bean
	WebSecurityContribution billingTestCheckoutWebSecurity() {
		return WebSecurityContribution.builder("billing.payments.test-checkout")
			.publicPages(TestCheckoutController.PATH + "**")
			.build();
	}
}
