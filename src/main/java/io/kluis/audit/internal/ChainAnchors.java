package io.kluis.audit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes the chain head to the application log every {@code kluis.audit.anchor-every} entries as
 * {@code event=audit.anchor seq=… hash=…}. The hash chain alone cannot catch someone who rewrites
 * every entry from some point onward and recomputes the hashes; a copy of an older head hash kept
 * elsewhere can. The operator must therefore ship the log off-host (syslog, journald upload, a log
 * service) and, when in doubt, compare {@code audit verify}'s output and the stored entry at that
 * sequence with the shipped anchors.
 *
 * <p>Logged after commit only: an anchor for an append that rolled back would name a hash that never
 * existed and later look like tampering.
 */
@Component
class ChainAnchors {

	private static final Logger log = LoggerFactory.getLogger(ChainAnchors.class);

	private final AuditProperties properties;

	ChainAnchors(AuditProperties properties) {
		this.properties = properties;
	}

	void appended(long sequence, String hash) {
		if (sequence % properties.anchorEvery() == 0) {
			afterCommit(() -> log.info("event=audit.anchor seq={} hash={}", sequence, hash));
		}
	}

	void checkpointed(long sequence, String hash, int deleted) {
		afterCommit(() -> log.info("event=audit.checkpoint seq={} hash={} deleted={}", sequence, hash, deleted));
	}

	private static void afterCommit(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				action.run();
			}
		});
	}
}
