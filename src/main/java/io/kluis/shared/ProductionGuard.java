package io.kluis.shared;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The {@code prod} profile's refusals (SEC-1): no embedded H2 database (no silent fallback from
 * PostgreSQL), and no plain HTTP: either Kluis terminates TLS itself ({@code server.ssl.*}) or it is
 * told it sits behind a TLS-terminating proxy ({@code kluis.behind-tls-proxy=true}), in which case
 * it honours {@code X-Forwarded-*} and redirects plain requests to HTTPS. HSTS is sent on HTTPS.
 *
 * <p>A bean factory post-processor, so these refusals come before any other bean (mail, keys,
 * database) is created and complains about something less fundamental.
 */
@Component
@Profile("prod")
class ProductionGuard implements BeanFactoryPostProcessor, EnvironmentAware {

	private Environment environment;

	/** For Spring: post-processors are created before constructor autowiring exists. */
	ProductionGuard() {
	}

	ProductionGuard(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		check();
	}

	void check() {
		String url = environment.getProperty("spring.datasource.url", "");
		if (url.startsWith("jdbc:h2:")) {
			throw new StartupRefusal("The prod profile refuses the embedded H2 database: set KLUIS_DB_URL "
					+ "(jdbc:postgresql://host:5432/kluis?sslmode=verify-full) or spring.datasource.url");
		}
		boolean ownTls = environment.getProperty("server.ssl.enabled", Boolean.class, false)
				|| environment.getProperty("server.ssl.bundle") != null;
		boolean behindProxy = environment.getProperty("kluis.behind-tls-proxy", Boolean.class, false);
		if (!ownTls && !behindProxy) {
			throw new StartupRefusal("The prod profile refuses plain HTTP: configure server.ssl.* (TLS in Kluis) "
					+ "or set KLUIS_BEHIND_TLS_PROXY=true when a TLS-terminating proxy forwards to Kluis");
		}
		if (behindProxy && "none".equals(environment.getProperty("server.forward-headers-strategy", "none"))) {
			throw new StartupRefusal("Behind a TLS proxy, set KLUIS_FORWARD_HEADERS_STRATEGY=native or framework "
					+ "so Kluis sees the original scheme and client address");
		}
	}
}
