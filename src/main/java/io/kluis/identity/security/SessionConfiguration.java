package io.kluis.identity.security;

import io.kluis.identity.account.IdentityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Sessions live in the database (Spring Session JDBC), so any node behind the load balancer can
 * serve any request and a user can see and end their sessions everywhere. The session's principal
 * name is the account id, never the email address.
 */
@Configuration(proxyBeanMethods = false)
// Spring Session's own clean-up timer could fire before Flyway created the tables, and would run in
// one-shot commands; identity's housekeeping removes expired sessions instead (AccountHousekeeping).
@EnableJdbcHttpSession(cleanupCron = Scheduled.CRON_DISABLED)
class SessionConfiguration {

	static final String COOKIE = "KLUIS_SESSION";

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionTimeout(IdentityProperties properties) {
		return repository -> repository.setDefaultMaxInactiveInterval(properties.session().idleTimeout());
	}

	@Bean
	CookieSerializer cookieSerializer(IdentityProperties properties) {
		var serializer = new DefaultCookieSerializer();
		boolean secure = properties.session().secureCookie();
		// __Host- binds the cookie to this exact host over HTTPS with Path=/ and no Domain attribute.
		serializer.setCookieName(secure ? "__Host-" + COOKIE : COOKIE);
		serializer.setUseSecureCookie(secure);
		serializer.setUseHttpOnlyCookie(true);
		serializer.setSameSite("Lax");
		serializer.setCookiePath("/");
		return serializer;
	}
}
