package io.kluis.crypto.internal;

import io.kluis.crypto.BackupErasure;
import io.kluis.crypto.internal.EpochKeyStore.StoredEpoch;
import io.kluis.shared.jobs.JobLease;
import io.kluis.shared.jobs.Jobs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One rotation run, on one node of the cluster at a time (the shared job lock {@value #JOB}, taken by
 * scheduled and manual runs alike and renewed after every batch of re-wrapped keys):
 * <ol>
 * <li>a new epoch when the current one is {@code kluis.crypto.epochs.length} old (or when asked);
 * <li>every live data key not under the current epoch is re-wrapped into it, in batches (keys from
 * before epochs, wrapped by the master key, too); destroyed keys have no bytes and stay as they are;
 * <li>an older epoch that no live key uses any more is marked retired (now); one that was retired
 * {@code kluis.crypto.epochs.backup-retention} ago or longer is destroyed in the key store.
 * </ol>
 * A backup taken while an epoch was in use is therefore readable for as long as backups are kept,
 * and no longer: an erased subject's key is never re-wrapped, so it dies with the last epoch that
 * wrapped it, at most {@link BackupErasure#bound()} after the erasure.
 */
@Service
class EpochRotation implements BackupErasure {

	private static final Logger log = LoggerFactory.getLogger(EpochRotation.class);

	private static final int BATCH = 500;

	/** The job lock's name. */
	static final String JOB = "crypto.epochs";

	record Result(@Nullable String createdEpoch, String currentEpoch, int rewrapped, List<String> retired,
			List<String> destroyed) {
	}

	/** Another node holds the rotation lease. */
	static final class BusyException extends RuntimeException {

		BusyException() {
			super("an epoch rotation is running on another node");
		}
	}

	private final EpochKeys epochs;

	private final DataKeys dataKeys;

	private final EnvelopeCipher cipher;

	private final Jobs jobs;

	private final EpochProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	EpochRotation(EpochKeys epochs, DataKeys dataKeys, EnvelopeCipher cipher, Jobs jobs,
			EpochProperties properties, TransactionTemplate transactions, Clock clock) {
		this.epochs = epochs;
		this.dataKeys = dataKeys;
		this.cipher = cipher;
		this.jobs = jobs;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public Duration epochLength() {
		return properties.length();
	}

	@Override
	public Duration backupRetention() {
		return properties.backupRetention();
	}

	@Override
	public Duration bound() {
		return properties.length().plus(properties.backupRetention()).plus(EpochProperties.JOB_SLACK);
	}

	/**
	 * @param newEpoch start a new epoch even when the current one is not yet due
	 * @throws BusyException when another node is rotating
	 */
	Result run(boolean newEpoch) {
		try (JobLease lease = jobs.tryAcquire(JOB, properties.lease()).orElseThrow(BusyException::new)) {
			epochs.refresh();
			Instant now = clock.instant();
			var current = epochs.store().list().stream().reduce((a, b) -> b).orElse(null);
			String created = null;
			if (newEpoch || current == null || !current.createdAt().plus(properties.length()).isAfter(now)) {
				current = epochs.create(now);
				created = current.id();
			}
			String currentId = current.id();
			Set<String> movedFrom = new HashSet<>();
			int rewrapped = rewrapInto(currentId, movedFrom, lease);
			var retired = new java.util.ArrayList<String>();
			var destroyed = new java.util.ArrayList<String>();
			for (StoredEpoch epoch : epochs.store().list()) {
				if (epoch.id().equals(currentId)) {
					continue;
				}
				if (dataKeys.countUnder(epoch.id()) > 0) {
					// A node that had not yet seen the new epoch wrapped a key under this one: the next run moves it.
					if (epoch.retiredAt() != null) {
						epochs.store().put(epoch.retired(null));
					}
				}
				else if (epoch.retiredAt() == null || movedFrom.contains(epoch.id())) {
					epochs.store().put(epoch.retired(now));
					retired.add(epoch.id());
				}
				else if (!epoch.retiredAt().plus(properties.backupRetention()).isAfter(now)) {
					epochs.destroy(epoch.id());
					destroyed.add(epoch.id());
				}
			}
			log.info("event=crypto.epoch.rotation created={} rewrapped={} retired={} destroyed={}", created != null,
					rewrapped, retired.size(), destroyed.size());
			return new Result(created, currentId, rewrapped, retired, destroyed);
		}
	}

	/**
	 * Re-wraps batch by batch, renewing the lease after each; stops with {@link BusyException} when
	 * the lease was lost (a batch outran {@code kluis.crypto.epochs.lease}): another node may be
	 * rotating now, and retiring or destroying epochs is then left to the next run.
	 */
	private int rewrapInto(String epochId, Set<String> movedFrom, JobLease lease) {
		int count = 0;
		while (true) {
			Integer done = transactions.execute(status -> {
				var batch = dataKeys.wrappedOutside(epochId, BATCH);
				for (var row : batch) {
					byte[] raw = cipher.rawDataKey(row);
					dataKeys.rewrap(row.subject(), epochs.wrapUnder(epochId, row.subject(), raw), epochId);
					if (row.epochId() != null) {
						movedFrom.add(row.epochId());
					}
				}
				return batch.size();
			});
			if (done == null || done == 0) {
				return count;
			}
			count += done;
			if (!lease.extend(properties.lease())) {
				log.warn("event=crypto.epoch.rotation.lock-lost rewrapped={}", count);
				throw new BusyException();
			}
		}
	}
}
