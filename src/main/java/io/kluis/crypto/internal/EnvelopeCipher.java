package io.kluis.crypto.internal;

import io.kluis.crypto.BlindIndex;
import io.kluis.crypto.DataKeyDestroyedException;
import io.kluis.crypto.PersonalDataCipher;
import io.kluis.crypto.Sealed;
import io.kluis.shared.AccountId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * {@link PersonalDataCipher} by envelope encryption: per-subject AES-256 data keys, wrapped with
 * AES-256-GCM by the active master key (associated data binds each wrapped key to its subject).
 */
@Service
class EnvelopeCipher implements PersonalDataCipher {

	private static final String BLIND_INDEX_PURPOSE = "blind-index";

	private final MasterKeyring masterKeys;

	private final DataKeys dataKeys;

	private final SystemKeys systemKeys;

	private final DataKeyCache cache;

	private final EpochKeys epochs;

	private final Clock clock;

	private final Map<String, SecretKey> blindIndexKeys = new ConcurrentHashMap<>();

	private volatile @Nullable SecretKey blindIndexSecret;

	EnvelopeCipher(MasterKeyring masterKeys, DataKeys dataKeys, SystemKeys systemKeys, DataKeyCache cache,
			EpochKeys epochs, Clock clock) {
		this.masterKeys = masterKeys;
		this.dataKeys = dataKeys;
		this.systemKeys = systemKeys;
		this.cache = cache;
		this.epochs = epochs;
		this.clock = clock;
	}

	@Override
	public Sealed seal(AccountId subject, String field, String plaintext) {
		SecretKey key = dataKeyForWriting(subject);
		return Sealed.fromBytes(Aead.seal(key, plaintext.getBytes(StandardCharsets.UTF_8), context(subject, field)));
	}

	@Override
	public @Nullable Sealed sealNullable(AccountId subject, String field, @Nullable String plaintext) {
		return plaintext == null ? null : seal(subject, field, plaintext);
	}

	@Override
	public String open(AccountId subject, String field, Sealed sealed) {
		SecretKey key = existingDataKey(subject);
		return new String(Aead.open(key, sealed.bytes(), context(subject, field)), StandardCharsets.UTF_8);
	}

	@Override
	public @Nullable String openNullable(AccountId subject, String field, @Nullable Sealed sealed) {
		return sealed == null ? null : open(subject, field, sealed);
	}

	@Override
	public BlindIndex blindIndex(String field, String canonicalValue) {
		SecretKey fieldKey = blindIndexKeys.computeIfAbsent(field, f -> new SecretKeySpec(
				hmac(blindIndexSecret(), ("kluis/blind-index/v1/" + f).getBytes(StandardCharsets.UTF_8)), "HmacSHA256"));
		byte[] full = hmac(fieldKey, canonicalValue.getBytes(StandardCharsets.UTF_8));
		return BlindIndex.fromBytes(Arrays.copyOf(full, 16));
	}

	@Override
	public Optional<Instant> destroyDataKey(AccountId subject) {
		Instant now = clock.instant();
		cache.evict(subject);
		var existing = dataKeys.find(subject);
		if (existing.isEmpty()) {
			dataKeys.insertDestroyed(subject, now);
		}
		dataKeys.destroy(subject, now);
		return dataKeys.find(subject).map(DataKeys.Row::destroyedAt);
	}

	@Override
	public boolean isDestroyed(AccountId subject) {
		return dataKeys.find(subject).map(row -> row.destroyedAt() != null).orElse(false);
	}

	SecretKey dataKeyForWriting(AccountId subject) {
		SecretKey cached = cache.get(subject);
		if (cached != null) {
			return cached;
		}
		Optional<DataKeys.Row> row = dataKeys.find(subject);
		if (row.isEmpty()) {
			byte[] raw = Aead.randomKeyBytes();
			var wrapped = epochs.wrap(subject, raw);
			if (dataKeys.insert(subject, wrapped.bytes(), wrapped.epochId(), clock.instant())) {
				// Not cached: if the surrounding transaction rolls back, the key row disappears with it.
				return new SecretKeySpec(raw, "AES");
			}
			row = dataKeys.find(subject);
		}
		return unwrap(row.orElseThrow());
	}

	SecretKey existingDataKey(AccountId subject) {
		SecretKey cached = cache.get(subject);
		if (cached != null) {
			return cached;
		}
		return unwrap(dataKeys.find(subject).orElseThrow(() -> new DataKeyDestroyedException(subject)));
	}

	private SecretKey unwrap(DataKeys.Row row) {
		if (row.wrappedKey() == null || (row.epochId() == null && row.masterKeyId() == null)) {
			throw new DataKeyDestroyedException(row.subject());
		}
		SecretKey key = new SecretKeySpec(rawDataKey(row), "AES");
		cache.put(row.subject(), key);
		return key;
	}

	/** The row's data key: under its epoch key, or (from before epochs) under a master key. */
	byte[] rawDataKey(DataKeys.Row row) {
		byte[] wrapped = java.util.Objects.requireNonNull(row.wrappedKey());
		if (row.epochId() != null) {
			return epochs.unwrap(row.subject(), row.epochId(), wrapped);
		}
		return Aead.open(masterKeys.get(java.util.Objects.requireNonNull(row.masterKeyId())), wrapped,
				wrapContext(row.subject()));
	}

	private SecretKey blindIndexSecret() {
		SecretKey secret = blindIndexSecret;
		if (secret != null) {
			return secret;
		}
		synchronized (this) {
			if (blindIndexSecret == null) {
				var row = systemKeys.find(BLIND_INDEX_PURPOSE);
				if (row.isEmpty()) {
					systemKeys.insert(BLIND_INDEX_PURPOSE,
							Aead.seal(masterKeys.active(), Aead.randomKeyBytes(), systemContext(BLIND_INDEX_PURPOSE)),
							masterKeys.activeId(), clock.instant());
					row = systemKeys.find(BLIND_INDEX_PURPOSE);
				}
				var found = row.orElseThrow();
				blindIndexSecret = new SecretKeySpec(Aead.open(masterKeys.get(found.masterKeyId()), found.wrappedKey(),
						systemContext(BLIND_INDEX_PURPOSE)), "HmacSHA256");
			}
			return blindIndexSecret;
		}
	}

	static byte[] context(AccountId subject, String field) {
		byte[] name = field.getBytes(StandardCharsets.UTF_8);
		return ByteBuffer.allocate(16 + name.length)
			.putLong(subject.value().getMostSignificantBits())
			.putLong(subject.value().getLeastSignificantBits())
			.put(name)
			.array();
	}

	static byte[] wrapContext(AccountId subject) {
		return context(subject, "kluis/data-key");
	}

	static byte[] systemContext(String purpose) {
		return ("kluis/system-key/" + purpose).getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] hmac(SecretKey key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 unavailable", e);
		}
	}
}
