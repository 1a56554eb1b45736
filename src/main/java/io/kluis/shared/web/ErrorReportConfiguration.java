package io.kluis.shared.web;

import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Puts {@link StrictErrorReportValve} in place of Tomcat's error report valve on the host, once
 * Spring Boot's own configuration of it is done (when the application's context starts).
 */
@Configuration(proxyBeanMethods = false)
class ErrorReportConfiguration {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> strictErrorReports(Environment environment) {
		boolean production = environment.acceptsProfiles(Profiles.of("prod"));
		return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
			if (!Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
				return;
			}
			Container host = context.getParent();
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve && !(valve instanceof StrictErrorReportValve)) {
					host.getPipeline().removeValve(valve);
				}
			}
			host.getPipeline().addValve(new StrictErrorReportValve(production));
		}));
	}
}
