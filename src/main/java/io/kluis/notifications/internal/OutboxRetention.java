package io.kluis.notifications.internal;

import io.kluis.crypto.PersonalDataCipher;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes sent and failed mails (and their mail-viewer copies) sent before a cutoff, which the
 * privacy retention engine derives from the register's {@code sent-mail} rule, and destroys the per-mail data key of mails that had no subject, so every backup copy
 * of them becomes unreadable too. Logs counts only. Idempotent, so several nodes may run it.
 */
@Component
class OutboxRetention {

	private static final Logger log = LoggerFactory.getLogger(OutboxRetention.class);

	private static final int BATCH = 500;

	private final Outbox outbox;

	private final DevMailbox devMailbox;

	private final PersonalDataCipher cipher;

	private final TransactionTemplate transactions;

	OutboxRetention(Outbox outbox, DevMailbox devMailbox, PersonalDataCipher cipher,
			PlatformTransactionManager transactionManager) {
		this.outbox = outbox;
		this.devMailbox = devMailbox;
		this.cipher = cipher;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/** Purges mails sent or failed before the cutoff (or, dry, counts them); see Notifications#purgeSentBefore. */
	int purgeBefore(Instant cutoff, boolean dryRun) {
		if (dryRun) {
			return outbox.countExpired(cutoff);
		}
		int purged = 0;
		int keys = 0;
		while (true) {
			List<Outbox.Expired> batch = outbox.expired(cutoff, BATCH);
			if (batch.isEmpty()) {
				break;
			}
			Purged counts = transactions.execute(tx -> purge(batch));
			purged += counts.mails();
			keys += counts.keys();
			if (batch.size() < BATCH) {
				break;
			}
		}
		if (purged > 0) {
			log.info("event=notifications.outbox.purged mails={} keysDestroyed={}", purged, keys);
		}
		return purged;
	}

	private record Purged(int mails, int keys) {
	}

	private Purged purge(List<Outbox.Expired> batch) {
		var ids = batch.stream().map(Outbox.Expired::id).toList();
		devMailbox.delete(ids);
		int deleted = outbox.delete(ids);
		int keys = 0;
		for (Outbox.Expired mail : batch) {
			if (mail.subject() == null) {
				cipher.destroyDataKey(mail.keyOwner());
				keys++;
			}
		}
		return new Purged(deleted, keys);
	}
}
