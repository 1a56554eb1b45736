package io.kluis.billing.payments.mollie;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kluis.billing.mollie.*}. Without an API key Kluis uses the local test checkout instead of
 * Mollie (refused under the {@code prod} profile).
 *
 * @param apiKey Mollie's API key ({@code live_…} or {@code test_…}); never logged
 * @param baseUrl Mollie's API ({@code https://api.mollie.com}); tests point it at an in-test server
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer
 */
@ConfigurationProperties("kluis.billing.mollie")
public record MollieProperties(@Nullable String apiKey, @DefaultValue("https://api.mollie.com") URI baseUrl,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("20s") Duration readTimeout) {

	public boolean configured() {
		return apiKey != null && !apiKey.isBlank();
	}

	@Override
	public String toString() {
		return "MollieProperties[apiKey=" + (configured() ? "***" : "none") + ", baseUrl=" + baseUrl + "]";
	}
}
