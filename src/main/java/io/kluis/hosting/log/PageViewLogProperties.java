package io.kluis.hosting.log;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kluis.hosting.log.*}.
 *
 * @param bufferSize page views held in memory waiting for the writer; beyond it appends are dropped
 *        and counted (a full buffer means the database cannot keep up, and sites must not slow down)
 * @param batchSize the most page views written in one COPY or batch insert (one transaction)
 * @param flushInterval how long the writer waits for a batch to fill before writing what it has
 * @param monthsAhead PostgreSQL partitions created beyond the current month, at start-up and daily
 * @param sites the site ids the interim {@code HostedSites} adapter knows, until the sites code exists
 */
@ConfigurationProperties("kluis.hosting.log")
public record PageViewLogProperties(@DefaultValue("65536") int bufferSize, @DefaultValue("5000") int batchSize,
		@DefaultValue("1s") Duration flushInterval, @DefaultValue("3") int monthsAhead,
		@DefaultValue List<String> sites) {

	public PageViewLogProperties {
		if (bufferSize < 1 || batchSize < 1 || batchSize > bufferSize) {
			throw new IllegalArgumentException(
					"kluis.hosting.log.buffer-size and batch-size must be positive, the batch no larger than the buffer");
		}
		if (flushInterval.isNegative() || flushInterval.isZero()) {
			throw new IllegalArgumentException("kluis.hosting.log.flush-interval must be positive");
		}
		if (monthsAhead < 1 || monthsAhead > 24) {
			throw new IllegalArgumentException("kluis.hosting.log.months-ahead must be between 1 and 24");
		}
		sites = List.copyOf(sites);
	}
}
