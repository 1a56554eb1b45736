package io.kluis.billing.invoices;

import io.kluis.billing.invoices.vies.FakeVatNumberValidator;
import io.kluis.billing.invoices.vies.VatNumberValidator;
import io.kluis.billing.invoices.vies.ViesProperties;
import io.kluis.billing.invoices.vies.ViesRestValidator;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The VIES adapter {@code kluis.billing.vies.adapter} names. */
@Configuration(proxyBeanMethods = false)
class InvoicingConfiguration {

	private static final Logger log = LoggerFactory.getLogger(InvoicingConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	VatNumberValidator vatNumberValidator(ViesProperties vies, SellerProperties seller, Clock clock,
			org.springframework.core.env.Environment environment) {
		if ("12345678".equals(seller.kvk()) || "NL000099998B57".equals(seller.vatNumber())) {
			// a warning where invoices are real (prod); the embedded default starts with the example quietly
			String message = "event=billing.seller.example kluis.billing.seller.* still names the example company: "
					+ "set the provider's own name, address, KvK and VAT number before issuing real invoices";
			if (environment.matchesProfiles("prod")) {
				log.warn(message);
			}
			else {
				log.info(message);
			}
		}
		if ("rest".equals(vies.adapter())) {
			return new ViesRestValidator(vies.url(), seller.vatNumber(), vies.timeout(), clock);
		}
		log.info("event=billing.vies.fake adapter=fake: VAT numbers are not checked against VIES "
				+ "(set kluis.billing.vies.adapter=rest in production)");
		return new FakeVatNumberValidator(clock);
	}
}
