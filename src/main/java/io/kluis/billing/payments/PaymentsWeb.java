package io.kluis.billing.payments;

import io.kluis.shared.web.MessageBundles;
import io.kluis.shared.web.WebSecurityContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The payments' one public endpoint: the provider's webhook. It is stateless (no session, no cookie),
 * so outside CSRF's reach: the public-endpoint chain disables CSRF for it. Why that is safe: the body
 * is never trusted, only its id is read and the payment's state is fetched from the provider's API
 * with Kluis' own key, so a forged call can at most make Kluis look again.
 */
@Configuration(proxyBeanMethods = false)
class PaymentsWeb {

	@Bean
	WebSecurityContribution billingPaymentsWebSecurity() {
		return WebSecurityContribution.builder("billing.payments")
			.publicEndpoint(HttpMethod.POST, PaymentWebhookController.MOLLIE)
			.build();
	}

	/** Texts of the payment pages (the test checkout). */
	@Bean
	MessageBundles billingPaymentsMessages() {
		return MessageBundles.of("billing-payments", "i18n/billing-payments");
	}
}
