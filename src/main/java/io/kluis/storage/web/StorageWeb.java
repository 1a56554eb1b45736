package io.kluis.storage.web;

import io.kluis.shared.web.BrowserSecurity;
import io.kluis.shared.web.MessageBundles;
import io.kluis.shared.web.WebSecurityContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Storage's part of the web security: WebDAV at {@code /dav/} (RFC 4918 methods through the
 * firewall, reached with an app password of scope {@code files}; the panel's {@code /panel/dav/}
 * uses the same methods with the session), the share-link pages with a chain of their own, and the
 * storage message bundle.
 */
@Configuration(proxyBeanMethods = false)
class StorageWeb {

	@Bean
	WebSecurityContribution storageWebSecurity() {
		return WebSecurityContribution.builder("storage")
			.httpMethods("PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK")
			.appPasswordArea("files", "/dav", "/dav/**")
			.build();
	}

	@Bean
	MessageBundles storageMessages() {
		return MessageBundles.of("storage", "i18n/storage");
	}

	/**
	 * Share links ({@code /s/**}, STO-2): public, no login. The password form carries a CSRF token
	 * like every form; the token in the path is a capability, so these pages never send a referrer.
	 */
	@Bean
	@Order(BrowserSecurity.MODULE_CHAIN_ORDER)
	SecurityFilterChain shareLinkPages(HttpSecurity http, Environment environment) throws Exception {
		http.securityMatcher("/s/**")
			.authorizeHttpRequests(a -> a.anyRequest().permitAll())
			.csrf(c -> c.csrfTokenRepository(BrowserSecurity.csrfTokens()))
			.requestCache(r -> r.disable());
		BrowserSecurity.strictHeaders(http, environment);
		http.headers(h -> h.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
		return http.build();
	}
}
