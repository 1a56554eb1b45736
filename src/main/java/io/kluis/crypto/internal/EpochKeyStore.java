package io.kluis.crypto.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where epoch keys are kept: outside the database, so that no database backup holds them. Each
 * entry is an epoch key wrapped by the master key. Deleting an entry is how an epoch ends for good:
 * every data key wrapped under it, in the live database or any backup, becomes unreadable.
 *
 * <p>Adapters: {@link DirectoryEpochKeyStore} (a directory, shared by all nodes) and
 * {@link VaultEpochKeyStore} (OpenBao / HashiCorp Vault KV v2). Both pass {@code EpochKeyStoreContract}.
 */
interface EpochKeyStore {

	/** Every epoch kept, oldest first. */
	List<StoredEpoch> list();

	Optional<StoredEpoch> find(String id);

	/** Creates or replaces the entry of {@code epoch.id()}. */
	void put(StoredEpoch epoch);

	/** Removes the entry for good (every version of it); nothing happens when there is none. */
	void delete(String id);

	/** Where the store is, for messages (no secrets). */
	String describe();

	/**
	 * One epoch key as stored.
	 *
	 * @param id letters, digits and '-' only (a file name and a path segment as it is)
	 * @param retiredAt when the last data key was re-wrapped away from it (null while it may still wrap keys)
	 * @param masterKeyId the master key that wraps it
	 */
	record StoredEpoch(String id, Instant createdAt, @Nullable Instant retiredAt, String masterKeyId,
			byte[] wrappedKey) {

		static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,64}");

		public StoredEpoch {
			if (!ID.matcher(id).matches()) {
				throw new IllegalArgumentException("epoch ids are 1 to 64 letters, digits or '-'");
			}
			wrappedKey = wrappedKey.clone();
		}

		@Override
		public byte[] wrappedKey() {
			return wrappedKey.clone();
		}

		StoredEpoch retired(@Nullable Instant at) {
			return new StoredEpoch(id, createdAt, at, masterKeyId, wrappedKey);
		}

		StoredEpoch rewrapped(String newMasterKeyId, byte[] newWrappedKey) {
			return new StoredEpoch(id, createdAt, retiredAt, newMasterKeyId, newWrappedKey);
		}

		@Override
		public String toString() {
			return "StoredEpoch[" + id + "]";
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof StoredEpoch that && id.equals(that.id) && createdAt.equals(that.createdAt)
					&& java.util.Objects.equals(retiredAt, that.retiredAt) && masterKeyId.equals(that.masterKeyId)
					&& java.util.Arrays.equals(wrappedKey, that.wrappedKey);
		}

		@Override
		public int hashCode() {
			return id.hashCode();
		}
	}
}
