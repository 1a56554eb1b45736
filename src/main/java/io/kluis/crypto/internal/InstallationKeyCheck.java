package io.kluis.crypto.internal;

import io.kluis.shared.StartupRefusal;
import java.util.ArrayList;
import java.util.HashSet;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * At start-up (server and commands alike), before anything is served: the configured master key
 * must be this installation's (it unwraps every epoch key and system key; a wrong
 * {@code KLUIS_MASTER_KEY} used to go unnoticed until the first read), and the key store must hold
 * every epoch key the database's live data keys are wrapped under (a node pointed at another or an
 * empty key store would otherwise start a new epoch and fail every read). Either problem is a
 * {@link StartupRefusal}: one line, exit 1. On a fresh installation it creates the first epoch.
 */
@Component
@Lazy(false)
class InstallationKeyCheck implements SmartInitializingSingleton {

	private final MasterKeyring masterKeys;

	private final EpochKeys epochs;

	private final DataKeys dataKeys;

	private final SystemKeys systemKeys;

	InstallationKeyCheck(MasterKeyring masterKeys, EpochKeys epochs, DataKeys dataKeys, SystemKeys systemKeys) {
		this.masterKeys = masterKeys;
		this.epochs = epochs;
		this.dataKeys = dataKeys;
		this.systemKeys = systemKeys;
	}

	@Override
	public void afterSingletonsInstantiated() {
		check();
	}

	void check() {
		var store = epochs.store();
		java.util.List<EpochKeyStore.StoredEpoch> stored;
		try {
			stored = store.list();
		}
		catch (RuntimeException e) {
			throw new StartupRefusal("The key store cannot be read (" + e.getMessage()
					+ "): check KLUIS_KEY_STORE_DIR or the KLUIS_KEY_STORE_VAULT_* settings");
		}
		for (var epoch : stored) {
			unwraps(epoch.masterKeyId(), () -> Aead.open(masterKeys.get(epoch.masterKeyId()), epoch.wrappedKey(),
					EpochKeys.epochContext(epoch.id())));
		}
		for (var row : systemKeys.all()) {
			unwraps(row.masterKeyId(), () -> Aead.open(masterKeys.get(row.masterKeyId()), row.wrappedKey(),
					EnvelopeCipher.systemContext(row.purpose())));
		}
		for (String id : dataKeys.masterKeysInUse()) {
			configured(id);
		}
		var kept = new HashSet<String>();
		stored.forEach(epoch -> kept.add(epoch.id()));
		var missing = new ArrayList<String>();
		for (String needed : dataKeys.epochsInUse()) {
			if (!kept.contains(needed)) {
				missing.add(needed);
			}
		}
		if (!missing.isEmpty()) {
			missing.sort(null);
			throw new StartupRefusal("The key store (" + store.describe() + ") lacks " + missing.size()
					+ " epoch key(s) this database needs, e.g. " + missing.get(0) + ": point KLUIS_KEY_STORE_DIR (or "
					+ "KLUIS_KEY_STORE_VAULT_ADDRESS) at this installation's key store, the same for every node");
		}
		epochs.current();
	}

	private void configured(String masterKeyId) {
		if (!masterKeys.ids().contains(masterKeyId)) {
			throw new StartupRefusal("The master key '" + masterKeyId + "' that wraps this installation's keys is not "
					+ "configured: give KLUIS_MASTER_KEY (or KLUIS_MASTER_KEY_FILE) this installation's keyring");
		}
	}

	private void unwraps(String masterKeyId, Runnable unwrap) {
		configured(masterKeyId);
		try {
			unwrap.run();
		}
		catch (Aead.TamperedException e) {
			throw new StartupRefusal("The master key '" + masterKeyId + "' is not this installation's: it does not "
					+ "unwrap the installation's keys; give KLUIS_MASTER_KEY (or KLUIS_MASTER_KEY_FILE) the right keyring");
		}
	}
}
