package io.kluis.shared.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs} carries the provider's name (the branding name, which
 * is the register's provider name unless configured) and the API's version, not springdoc's
 * placeholder "OpenAPI definition v0".
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI openApi(BrandingProperties branding) {
		return new OpenAPI().info(new Info().title(branding.name() + " API")
			.version("v1")
			.description("JSON under /api/v1 (HTTP Basic: the account's email and an app password); files over WebDAV "
					+ "at /dav/<space>/. Errors are RFC 9457 problem documents. Sizes are in bytes; where Kluis states "
					+ "them in units they are binary (1 KiB = 1 024 bytes, 1 MiB = 1 024 KiB, 1 GiB = 1 024 MiB)."));
	}
}
