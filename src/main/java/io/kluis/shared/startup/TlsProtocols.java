package io.kluis.shared.startup;

import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * When Kluis terminates TLS itself, it speaks TLS 1.3 and 1.2 only (unless the operator chose the
 * protocols). Done here rather than with {@code server.ssl.enabled-protocols} in a profile: any
 * {@code server.ssl.*} property switches TLS on, so a profile that set it made a node behind a
 * TLS-terminating proxy fail to start for want of a certificate it does not need.
 */
@Component
class TlsProtocols implements WebServerFactoryCustomizer<ConfigurableWebServerFactory> {

	static final String[] PROTOCOLS = { "TLSv1.3", "TLSv1.2" };

	@Override
	public void customize(ConfigurableWebServerFactory factory) {
		if (factory instanceof org.springframework.boot.web.server.AbstractConfigurableWebServerFactory configurable) {
			Ssl ssl = configurable.getSsl();
			if (Ssl.isEnabled(ssl) && ssl.getEnabledProtocols() == null) {
				ssl.setEnabledProtocols(PROTOCOLS.clone());
			}
		}
	}
}
