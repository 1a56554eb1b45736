package io.kluis.crypto.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kluis.crypto.epochs.*}: how long an epoch key wraps new data keys, and how long database
 * backups are kept (an epoch key is destroyed that long after its last data key left it).
 *
 * @param length a new epoch begins when the current one is this old ({@code KLUIS_EPOCH_LENGTH})
 * @param backupRetention how long the provider keeps database backups ({@code KLUIS_BACKUP_RETENTION})
 * @param cron when the rotation job looks (Spring cron, UTC; hourly by default; "-" switches it off)
 * @param lease how long one node holds the cluster-wide rotation lock
 */
@ConfigurationProperties("kluis.crypto.epochs")
record EpochProperties(@DefaultValue("1d") Duration length, @DefaultValue("30d") Duration backupRetention,
		@DefaultValue("0 15 * * * *") String cron, @DefaultValue("1h") Duration lease) {

	/** The slack of an hourly job: up to an hour before the new epoch, up to an hour before the destruction. */
	static final Duration JOB_SLACK = Duration.ofHours(2);

	EpochProperties {
		if (length.isNegative() || length.isZero()) {
			throw new IllegalArgumentException("kluis.crypto.epochs.length must be positive");
		}
		if (backupRetention.isNegative()) {
			throw new IllegalArgumentException("kluis.crypto.epochs.backup-retention must not be negative");
		}
		if (lease.isNegative() || lease.isZero()) {
			throw new IllegalArgumentException("kluis.crypto.epochs.lease must be positive");
		}
	}
}
