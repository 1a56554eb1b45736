package io.kluis.identity.security;

import io.kluis.shared.web.MessageBundles;
import io.kluis.shared.web.WebSecurityContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Identity's own public pages and endpoints, declared like any module's: the home page, sign-up,
 * verification, login and recovery, the first administrator's set-up; and the API calls that
 * authenticate themselves (registration, verification, password reset, creating an app password
 * with the account password).
 */
@Configuration(proxyBeanMethods = false)
class IdentityWeb {

	@Bean
	WebSecurityContribution identityWebSecurity() {
		return WebSecurityContribution.builder("identity")
			.publicPages("/", "/register", "/register/done", "/verify", "/login", "/login/forgot", "/login/reset",
					"/unlock", "/setup", "/email/confirm")
			.publicEndpoint(HttpMethod.POST, "/api/v1/accounts")
			.publicEndpoint(HttpMethod.POST, "/api/v1/accounts/verification")
			.publicEndpoint(HttpMethod.POST, "/api/v1/password-resets")
			.publicEndpoint(HttpMethod.POST, "/api/v1/password-resets/completion")
			.publicEndpoint(HttpMethod.POST, "/api/v1/app-passwords")
			.build();
	}

	@Bean
	MessageBundles identityMessages() {
		return MessageBundles.of("identity", "i18n/identity");
	}
}
