package io.kluis.privacy.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * {@code kluis.privacy.*}.
 *
 * @param registerLocation the processing register; the shipped default describes Kluis itself and
 *        must be replaced by the provider's own ({@code file:/etc/kluis/register.yml})
 * @param termsLocation the terms of service customers accept at registration (Markdown or HTML with
 *        a {@code version:} front matter); the shipped default is a placeholder to replace
 */
@ConfigurationProperties("kluis.privacy")
record PrivacyProperties(@DefaultValue("classpath:privacy/register.yml") Resource registerLocation,
		@DefaultValue("classpath:privacy/terms.md") Resource termsLocation) {
}
