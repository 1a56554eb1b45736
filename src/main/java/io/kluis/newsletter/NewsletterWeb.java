package io.kluis.newsletter;

import io.kluis.shared.web.MessageBundles;
import io.kluis.shared.web.WebSecurityContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The newsletter's public pages (sign-up, confirmation, unsubscribe) and its one CSRF exemption:
 * RFC 8058 one-click unsubscribe, where a mail client POSTs {@code List-Unsubscribe=One-Click}
 * without a session or token; the secret in the link authorises it. Kept in a class of its own so
 * it moves with the newsletter. Its messages (pages and mails) are the {@code i18n/newsletter} bundle.
 */
@Configuration(proxyBeanMethods = false)
class NewsletterWeb {

	@Bean
	WebSecurityContribution newsletterWebSecurity() {
		return WebSecurityContribution.builder("newsletter")
			.publicPages("/newsletter/**")
			.csrfExemption(HttpMethod.POST, "/newsletter/unsubscribe",
					"RFC 8058 one-click unsubscribe: mail clients POST without a session; the link's secret authorises it")
			.build();
	}

	@Bean
	MessageBundles newsletterMessages() {
		return MessageBundles.of("newsletter", "i18n/newsletter");
	}
}
