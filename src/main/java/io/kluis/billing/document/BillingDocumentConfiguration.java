package io.kluis.billing.document;

import io.kluis.shared.web.MessageBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The invoice PDF's texts: the {@code i18n/billing-document} bundle (English base, Dutch). */
@Configuration(proxyBeanMethods = false)
class BillingDocumentConfiguration {

	@Bean
	MessageBundles billingDocumentMessages() {
		return MessageBundles.of("billing.document", "i18n/billing-document");
	}
}
