package io.kluis.billing.web;

import io.kluis.shared.web.MessageBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Billing's messages (pages and mails): the {@code i18n/billing} bundle. Billing declares no public page
 * and no CSRF exemption (the payment webhooks will, in the payments package).
 */
@Configuration(proxyBeanMethods = false)
class BillingWeb {

	@Bean
	MessageBundles billingMessages() {
		return MessageBundles.of("billing", "i18n/billing");
	}
}
