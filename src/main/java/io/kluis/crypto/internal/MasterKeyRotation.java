package io.kluis.crypto.internal;

import io.kluis.shared.AccountId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-wraps every data key and system key under the active master key, in batches, so an old master
 * key can be retired. Data keys themselves (and so every sealed field) stay unchanged: rotation
 * touches one small row per subject, not the personal data.
 */
@Service
class MasterKeyRotation {

	private static final int BATCH = 500;

	private final MasterKeyring masterKeys;

	private final DataKeys dataKeys;

	private final SystemKeys systemKeys;

	private final TransactionTemplate transactions;

	MasterKeyRotation(MasterKeyring masterKeys, DataKeys dataKeys, SystemKeys systemKeys,
			TransactionTemplate transactions) {
		this.masterKeys = masterKeys;
		this.dataKeys = dataKeys;
		this.systemKeys = systemKeys;
		this.transactions = transactions;
	}

	/** @return the number of keys re-wrapped */
	int rewrapAll() {
		String active = masterKeys.activeId();
		int count = 0;
		for (var row : systemKeys.all()) {
			if (!row.masterKeyId().equals(active)) {
				byte[] raw = Aead.open(masterKeys.get(row.masterKeyId()), row.wrappedKey(),
						EnvelopeCipher.systemContext(row.purpose()));
				systemKeys.rewrap(row.purpose(),
						Aead.seal(masterKeys.active(), raw, EnvelopeCipher.systemContext(row.purpose())), active);
				count++;
			}
		}
		while (true) {
			Integer done = transactions.execute(status -> {
				var batch = dataKeys.wrappedNotUnder(active, BATCH);
				for (var row : batch) {
					AccountId subject = row.subject();
					byte[] raw = Aead.open(masterKeys.get(row.masterKeyId()), row.wrappedKey(),
							EnvelopeCipher.wrapContext(subject));
					dataKeys.rewrap(subject, Aead.seal(masterKeys.active(), raw, EnvelopeCipher.wrapContext(subject)),
							active);
				}
				return batch.size();
			});
			if (done == null || done == 0) {
				return count;
			}
			count += done;
		}
	}
}
