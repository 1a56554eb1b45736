package io.kluis.storage.dav;

import io.kluis.shared.AccountId;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * WebDAV properties and locks as personal data, for the privacy holder: the tables stay with the
 * classes that own them ({@link DeadProperties}, {@link Locks}).
 */
@Component
public class DavRecords {

	private final DeadProperties properties;

	private final Locks locks;

	DavRecords(DeadProperties properties, Locks locks) {
		this.properties = properties;
		this.locks = locks;
	}

	public List<Map<String, Object>> exportProperties(AccountId account) {
		return properties.export(account);
	}

	public List<Map<String, Object>> exportLocks(AccountId account) {
		return locks.export(account);
	}

	/** Removes every lock of the account (erasure); the properties go with the resources. */
	public void eraseLocks(AccountId account) {
		locks.removeAll(account);
	}
}
