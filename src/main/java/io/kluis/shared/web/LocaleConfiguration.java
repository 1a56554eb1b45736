package io.kluis.shared.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Dutch and English. The browser's Accept-Language picks the first language; {@code ?lang=nl|en}
 * switches and is remembered in a technical cookie (strictly necessary, so no consent needed).
 */
@Configuration(proxyBeanMethods = false)
class LocaleConfiguration implements WebMvcConfigurer {

	static final List<Locale> SUPPORTED = List.of(Locale.forLanguageTag("nl"), Locale.ENGLISH);

	@Bean
	LocaleResolver localeResolver() {
		var resolver = new CookieLocaleResolver("kluis_lang");
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setCookieSameSite("Lax");
		resolver.setDefaultLocaleFunction(request -> {
			for (var range : java.util.Collections.list(request.getLocales())) {
				for (var supported : SUPPORTED) {
					if (supported.getLanguage().equals(range.getLanguage())) {
						return supported;
					}
				}
			}
			return Locale.forLanguageTag("nl");
		});
		return resolver;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		var interceptor = new LocaleChangeInterceptor();
		interceptor.setParamName("lang");
		interceptor.setIgnoreInvalidLocale(true);
		registry.addInterceptor(interceptor);
	}
}
