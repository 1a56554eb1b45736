package io.kluis.billing.invoices;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kluis.billing.invoices.*}.
 *
 * @param paymentTermDays days between the issue date and the due date (default 14)
 * @param zone the zone whose calendar gives the issue date, the numbering year and the fiscal year's
 *        end (default Europe/Amsterdam)
 */
@ConfigurationProperties("kluis.billing.invoices")
public record InvoicingProperties(@DefaultValue("14") int paymentTermDays,
		@DefaultValue("Europe/Amsterdam") ZoneId zone) {

	public InvoicingProperties {
		if (paymentTermDays < 0 || paymentTermDays > 365) {
			throw new IllegalArgumentException("kluis.billing.invoices.payment-term-days must be between 0 and 365");
		}
	}
}
