package io.kluis.billing.invoices.vies;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kluis.billing.vies.*}: which VAT number check invoicing uses.
 *
 * @param adapter {@code fake} (default: no network; development and tests) or {@code rest} (the EU's
 *        VIES REST API, for production)
 * @param url the VIES REST endpoint
 * @param timeout how long one check may take before it counts as unavailable
 */
@ConfigurationProperties("kluis.billing.vies")
public record ViesProperties(@DefaultValue("fake") String adapter,
		@DefaultValue("https://ec.europa.eu/taxation_customs/vies/rest-api/check-vat-number") URI url,
		@DefaultValue("10s") Duration timeout) {

	public ViesProperties {
		if (!"fake".equals(adapter) && !"rest".equals(adapter)) {
			throw new IllegalArgumentException("kluis.billing.vies.adapter must be fake or rest");
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("kluis.billing.vies.timeout must be positive");
		}
	}
}
