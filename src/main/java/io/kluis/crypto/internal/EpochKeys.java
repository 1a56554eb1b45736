package io.kluis.crypto.internal;

import io.kluis.crypto.DataKeyDestroyedException;
import io.kluis.crypto.internal.EpochKeyStore.StoredEpoch;
import io.kluis.shared.AccountId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Epoch keys: the layer between the master key and the data keys that lets erasure reach backups.
 * Every live data key is wrapped by the current epoch key; epoch keys are kept in the
 * {@link EpochKeyStore}, outside the database, wrapped by the master key. {@link EpochRotation}
 * starts a new epoch on a schedule, re-wraps the live data keys into it and destroys epoch keys
 * that no live key has used for longer than the backup retention. A destroyed data key is never
 * re-wrapped, so once its last epoch key is gone, every backup that still holds it is unreadable
 * for that subject.
 */
@Component
class EpochKeys {

	private static final Logger log = LoggerFactory.getLogger(EpochKeys.class);

	private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	/** How long a node keeps its idea of the current epoch before looking at the store again. */
	private static final Duration CURRENT_REFRESH = Duration.ofMinutes(1);

	record Current(String id, SecretKey key, Instant loadedAt) {
	}

	private final EpochKeyStore store;

	private final MasterKeyring masterKeys;

	private final Clock clock;

	private final Map<String, SecretKey> unwrapped = new ConcurrentHashMap<>();

	private volatile @Nullable Current current;

	EpochKeys(EpochKeyStore store, MasterKeyring masterKeys, Clock clock) {
		this.store = store;
		this.masterKeys = masterKeys;
		this.clock = clock;
	}

	EpochKeyStore store() {
		return store;
	}

	/** Wraps a data key under the current epoch; returns the epoch id and the wrapped bytes. */
	Wrapped wrap(AccountId subject, byte[] rawDataKey) {
		Current epoch = current();
		return new Wrapped(epoch.id(), Aead.seal(epoch.key(), rawDataKey, dataKeyContext(subject, epoch.id())));
	}

	/** Wraps a data key under a given epoch (rotation). */
	byte[] wrapUnder(String epochId, AccountId subject, byte[] rawDataKey) {
		return Aead.seal(key(epochId).orElseThrow(() -> new IllegalStateException("epoch " + epochId + " is gone")),
				rawDataKey, dataKeyContext(subject, epochId));
	}

	/**
	 * Unwraps a data key wrapped under an epoch.
	 * @throws DataKeyDestroyedException when that epoch key was destroyed
	 */
	byte[] unwrap(AccountId subject, String epochId, byte[] wrapped) {
		SecretKey epochKey = key(epochId).orElseThrow(() -> new DataKeyDestroyedException(subject));
		return Aead.open(epochKey, wrapped, dataKeyContext(subject, epochId));
	}

	record Wrapped(String epochId, byte[] bytes) {
	}

	/** The newest epoch, creating the first one when there is none. */
	Current current() {
		Current known = current;
		if (known != null && known.loadedAt().plus(CURRENT_REFRESH).isAfter(clock.instant())) {
			return known;
		}
		synchronized (this) {
			List<StoredEpoch> epochs = store.list();
			StoredEpoch newest = epochs.isEmpty() ? create(clock.instant()) : epochs.get(epochs.size() - 1);
			Current fresh = new Current(newest.id(), key(newest), clock.instant());
			current = fresh;
			return fresh;
		}
	}

	/** Starts a new epoch now: from here on, new data keys are wrapped under it. */
	synchronized StoredEpoch create(Instant now) {
		String id = ID_TIME.format(now) + "-" + HexFormat.of().formatHex(Aead.randomKeyBytes(), 0, 3);
		byte[] raw = Aead.randomKeyBytes();
		var epoch = new StoredEpoch(id, now, null, masterKeys.activeId(),
				Aead.seal(masterKeys.active(), raw, epochContext(id)));
		store.put(epoch);
		SecretKey key = new SecretKeySpec(raw, "AES");
		unwrapped.put(id, key);
		current = new Current(id, key, clock.instant());
		log.info("event=crypto.epoch.created epoch={}", id);
		return epoch;
	}

	/** Destroys an epoch key: every data key wrapped under it, wherever a copy is, becomes unreadable. */
	void destroy(String id) {
		store.delete(id);
		unwrapped.remove(id);
		log.info("event=crypto.epoch.destroyed epoch={}", id);
	}

	Optional<SecretKey> key(String id) {
		SecretKey cached = unwrapped.get(id);
		if (cached != null) {
			return Optional.of(cached);
		}
		return store.find(id).map(this::key);
	}

	private SecretKey key(StoredEpoch epoch) {
		return unwrapped.computeIfAbsent(epoch.id(), id -> new SecretKeySpec(
				Aead.open(masterKeys.get(epoch.masterKeyId()), epoch.wrappedKey(), epochContext(id)), "AES"));
	}

	/** Re-wraps an epoch key under the active master key (master key rotation); true when it changed. */
	boolean rewrapUnderActiveMasterKey(StoredEpoch epoch) {
		if (epoch.masterKeyId().equals(masterKeys.activeId())) {
			return false;
		}
		byte[] raw = Aead.open(masterKeys.get(epoch.masterKeyId()), epoch.wrappedKey(), epochContext(epoch.id()));
		store.put(epoch.rewrapped(masterKeys.activeId(), Aead.seal(masterKeys.active(), raw, epochContext(epoch.id()))));
		return true;
	}

	/** Forgets the cached idea of the current epoch (after another node may have rotated). */
	void refresh() {
		current = null;
	}

	static byte[] epochContext(String epochId) {
		return ("kluis/epoch-key/" + epochId).getBytes(StandardCharsets.UTF_8);
	}

	static byte[] dataKeyContext(AccountId subject, String epochId) {
		return EnvelopeCipher.context(subject, "kluis/data-key/epoch/" + epochId);
	}
}
