package io.kluis.audit.internal;

import io.kluis.shared.web.MessageBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit trail's words (event names in the staff view), Dutch and English. */
@Configuration(proxyBeanMethods = false)
class AuditMessages {

	@Bean
	MessageBundles auditMessageBundles() {
		return MessageBundles.of("audit", "i18n/audit");
	}
}
