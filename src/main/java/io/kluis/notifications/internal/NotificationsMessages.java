package io.kluis.notifications.internal;

import io.kluis.shared.web.MessageBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Mail subjects and the mail viewer's words, Dutch and English. */
@Configuration(proxyBeanMethods = false)
class NotificationsMessages {

	@Bean
	MessageBundles notificationsMessageBundles() {
		return MessageBundles.of("notifications", "i18n/notifications");
	}
}
