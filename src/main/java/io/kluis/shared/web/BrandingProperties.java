package io.kluis.shared.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kluis.branding.*}: how a provider makes Kluis look like its own product.
 *
 * @param name product name shown in the header, titles and mails
 * @param logoUrl optional logo (same origin, or allowed by the CSP img-src)
 * @param primaryColor main colour, CSS hex ({@code #0b5cad})
 * @param accentColor secondary colour, CSS hex
 */
@ConfigurationProperties("kluis.branding")
public record BrandingProperties(@DefaultValue("Kluis") String name, @DefaultValue("") String logoUrl,
		@DefaultValue("#0b5cad") String primaryColor, @DefaultValue("#0a7d5a") String accentColor) {

	private static final java.util.regex.Pattern HEX = java.util.regex.Pattern.compile("#[0-9a-fA-F]{3,8}");

	public BrandingProperties {
		if (!HEX.matcher(primaryColor).matches() || !HEX.matcher(accentColor).matches()) {
			throw new IllegalArgumentException("kluis.branding colours must be CSS hex colours like #0b5cad");
		}
	}
}
