package io.kluis.crypto.internal;

import io.kluis.shared.AccountId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-wraps every epoch key (in the key store), every system key and every data key still wrapped by
 * a master key directly (from before epochs) under the active master key, so an old master key can
 * be retired. Data keys under epochs stay as they are: the epoch keys above them are what the
 * master key wraps.
 */
@Service
class MasterKeyRotation {

	private static final int BATCH = 500;

	private final MasterKeyring masterKeys;

	private final DataKeys dataKeys;

	private final SystemKeys systemKeys;

	private final EpochKeys epochs;

	private final TransactionTemplate transactions;

	MasterKeyRotation(MasterKeyring masterKeys, DataKeys dataKeys, SystemKeys systemKeys, EpochKeys epochs,
			TransactionTemplate transactions) {
		this.masterKeys = masterKeys;
		this.dataKeys = dataKeys;
		this.systemKeys = systemKeys;
		this.epochs = epochs;
		this.transactions = transactions;
	}

	/** @return the number of keys re-wrapped */
	int rewrapAll() {
		String active = masterKeys.activeId();
		int count = 0;
		for (var epoch : epochs.store().list()) {
			if (epochs.rewrapUnderActiveMasterKey(epoch)) {
				count++;
			}
		}
		for (var row : systemKeys.all()) {
			if (!row.masterKeyId().equals(active)) {
				byte[] raw = Aead.open(masterKeys.get(row.masterKeyId()), row.wrappedKey(),
						EnvelopeCipher.systemContext(row.purpose()));
				systemKeys.rewrap(row.purpose(),
						Aead.seal(masterKeys.active(), raw, EnvelopeCipher.systemContext(row.purpose())), active);
				count++;
			}
		}
		// Keys from before epochs move into the current epoch (no longer under any master key).
		String epochId = epochs.current().id();
		while (true) {
			Integer done = transactions.execute(status -> {
				int moved = 0;
				for (var row : dataKeys.wrappedByMasterKey(BATCH)) {
					AccountId subject = row.subject();
					byte[] raw = Aead.open(masterKeys.get(row.masterKeyId()), row.wrappedKey(),
							EnvelopeCipher.wrapContext(subject));
					dataKeys.rewrap(subject, epochs.wrapUnder(epochId, subject, raw), epochId);
					moved++;
				}
				return moved;
			});
			if (done == null || done == 0) {
				return count;
			}
			count += done;
		}
	}
}
