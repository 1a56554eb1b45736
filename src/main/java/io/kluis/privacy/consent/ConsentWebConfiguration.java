package io.kluis.privacy.consent;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the visit statistics on every page (never on static files, the API or health checks). */
@Configuration(proxyBeanMethods = false)
class ConsentWebConfiguration implements WebMvcConfigurer {

	private final VisitStatistics statistics;

	ConsentWebConfiguration(VisitStatistics statistics) {
		this.statistics = statistics;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(statistics)
			.excludePathPatterns("/css/**", "/js/**", "/img/**", "/branding.css", "/favicon.ico", "/api/**",
					"/actuator/**", "/error", "/v3/**");
	}
}
