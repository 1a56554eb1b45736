package io.kluis.privacy.web;

import io.kluis.shared.web.MessageBundles;
import io.kluis.shared.web.WebSecurityContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Privacy's public pages: the policy, its versions, retention matrix and sub-processors
 * ({@code /privacy}), the terms ({@code /terms}), the cookie choice ({@code /consent}) and requests
 * without login ({@code /requests}, verified by the emailed link). The newsletter declares its own
 * ({@code privacy.consent.NewsletterWeb}).
 */
@Configuration(proxyBeanMethods = false)
class PrivacyWeb {

	@Bean
	WebSecurityContribution privacyWebSecurity() {
		return WebSecurityContribution.builder("privacy")
			.publicPages("/privacy", "/privacy/**", "/terms", "/terms/**", "/consent/**", "/requests/**")
			.build();
	}

	@Bean
	MessageBundles privacyMessages() {
		return MessageBundles.of("privacy", "i18n/privacy", "i18n/consent", "i18n/rights", "i18n/requests",
				"i18n/retention");
	}
}
