package io.kluis.shared.web;

import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/** Registers {@link BodyLimitFilter} ahead of the security filter chains (order -100). */
@Configuration(proxyBeanMethods = false)
class BodyLimitConfiguration {

	static final int ORDER = -110;

	@Bean
	FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(RequestLimits limits, List<StreamingRequests> streaming,
			Environment environment) {
		var registration = new FilterRegistrationBean<>(
				new BodyLimitFilter(limits, streaming, environment.acceptsProfiles(Profiles.of("prod"))));
		registration.setOrder(ORDER);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		registration.addUrlPatterns("/*");
		return registration;
	}
}
