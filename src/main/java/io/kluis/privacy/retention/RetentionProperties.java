package io.kluis.privacy.retention;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kluis.privacy.retention.*}.
 *
 * @param cron when the daily run starts (Spring cron, six fields); read by {@link RetentionSchedule}
 * @param zone the zone of {@code cron}, of calendar periods (P2Y ends on the same local date) and of
 *        the dates given to the dry run and the command
 * @param lease how long one node holds the cluster-wide run lock before another may take it over
 *        (renewed after every rule, so only a node that died mid-run loses it)
 */
@ConfigurationProperties("kluis.privacy.retention")
record RetentionProperties(@DefaultValue("0 30 3 * * *") String cron, @DefaultValue("Europe/Amsterdam") ZoneId zone,
		@DefaultValue("1h") Duration lease) {

	RetentionProperties {
		if (lease.isNegative() || lease.isZero()) {
			throw new IllegalArgumentException("kluis.privacy.retention.lease must be positive");
		}
	}
}
