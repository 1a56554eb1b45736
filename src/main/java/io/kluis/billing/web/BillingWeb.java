package io.kluis.billing.web;

import io.kluis.shared.web.MessageBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Billing's messages (pages and mails): the {@code i18n/billing} bundle. Billing declares no public page
 * and no CSRF exemption here (the payment webhooks do, in the payments package): its staff pages under
 * {@code /admin/billing} stay behind the login, the STAFF role and CSRF like every undeclared path, and
 * their controllers require the BILLING role (the catalogue also ADMIN) by method security.
 */
@Configuration(proxyBeanMethods = false)
class BillingWeb {

	@Bean
	MessageBundles billingMessages() {
		return MessageBundles.of("billing", "i18n/billing");
	}
}
