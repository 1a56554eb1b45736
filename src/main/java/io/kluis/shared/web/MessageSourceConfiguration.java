package io.kluis.shared.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The application's message source, assembled from every module's {@link MessageBundles} (shared's
 * own {@code i18n/messages} first). Replaces {@code spring.messages.basename}: Boot's
 * auto-configured message source backs off because a bean named {@code messageSource} exists.
 * Same settings as before: UTF-8, no fall-back to the server's locale (a Dutch visitor on an
 * English server sees Dutch; a missing key shows in the base bundle, never the JVM's language).
 */
@Configuration(proxyBeanMethods = false)
class MessageSourceConfiguration {

	/** Layout, errors and the words every page uses. */
	static final String SHARED_BUNDLE = "i18n/messages";

	@Bean(AbstractApplicationContext.MESSAGE_SOURCE_BEAN_NAME)
	MessageSource messageSource(ObjectProvider<MessageBundles> bundles) {
		Set<String> basenames = new LinkedHashSet<>();
		basenames.add(SHARED_BUNDLE);
		bundles.orderedStream().forEach(b -> basenames.addAll(b.basenames()));
		var source = new ResourceBundleMessageSource();
		source.setBasenames(basenames.toArray(String[]::new));
		source.setDefaultEncoding(StandardCharsets.UTF_8.name());
		source.setFallbackToSystemLocale(false);
		return source;
	}
}
