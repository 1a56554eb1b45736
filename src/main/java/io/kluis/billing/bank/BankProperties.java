package io.kluis.billing.bank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code kluis.billing.bank.*}.
 *
 * @param maxStatementSize the largest CAMT.053 file the API accepts (streamed, never held whole; a
 * year of a busy account's statements is a few megabytes)
 */
@ConfigurationProperties("kluis.billing.bank")
public record BankProperties(@DefaultValue("20MB") DataSize maxStatementSize) {

	public BankProperties {
		if (maxStatementSize.toBytes() < 1024 || maxStatementSize.toBytes() > 1024L * 1024 * 1024) {
			throw new IllegalArgumentException("kluis.billing.bank.max-statement-size must be between 1KB and 1GB");
		}
	}
}
