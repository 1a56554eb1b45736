package io.kluis.shared.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The infrastructure's public paths, which belong to no business module: the error page, static
 * assets and the branding stylesheet, the health probes, and the OpenAPI document (it describes
 * the API, not a customer).
 */
@Configuration(proxyBeanMethods = false)
class SharedWeb {

	@Bean
	WebSecurityContribution sharedWebSecurity() {
		return WebSecurityContribution.builder("shared")
			.publicPages("/error", "/css/**", "/js/**", "/vendor/**", "/img/**", "/branding.css", "/favicon.ico",
					"/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**")
			.build();
	}
}
