package io.kluis.crypto.internal;

import io.kluis.shared.AccountId;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.SecretKey;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A bounded, expiring LRU of unwrapped data keys, so listing a page of customers does not unwrap a
 * key per row each time. The TTL bounds how long another cluster node can still decrypt after a
 * crypto-shred on this one.
 */
@Component
class DataKeyCache {

	private record CachedKey(SecretKey key, Instant loadedAt) {
	}

	private final Map<AccountId, CachedKey> entries;

	private final CryptoProperties properties;

	private final Clock clock;

	DataKeyCache(CryptoProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
		int max = properties.dataKeyCacheSize();
		this.entries = new LinkedHashMap<>(256, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<AccountId, CachedKey> eldest) {
				return size() > max;
			}
		};
	}

	synchronized @Nullable SecretKey get(AccountId subject) {
		CachedKey entry = entries.get(subject);
		if (entry == null) {
			return null;
		}
		if (entry.loadedAt().plus(properties.dataKeyCacheTtl()).isBefore(clock.instant())) {
			entries.remove(subject);
			return null;
		}
		return entry.key();
	}

	synchronized void put(AccountId subject, SecretKey key) {
		entries.put(subject, new CachedKey(key, clock.instant()));
	}

	synchronized void evict(AccountId subject) {
		entries.remove(subject);
	}

	synchronized void clear() {
		entries.clear();
	}
}
