package io.kluis.crypto;

import io.kluis.shared.AccountId;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Encrypts and decrypts personal fields under their subject's data key (SEC-3).
 *
 * <p>Usage in a module: store {@code cipher.seal(owner, "account.email", email)} in a binary column,
 * {@code cipher.blindIndex("account.email", canonicalEmail)} in an indexed column when lookups are
 * needed, and read with {@code cipher.open(owner, "account.email", sealed)}. The field name is part
 * of the authenticated data: use the same {@code module.table.column}-style name on both sides.
 */
public interface PersonalDataCipher {

	/** Encrypts under the subject's data key, creating the key on first use. */
	Sealed seal(AccountId subject, String field, String plaintext);

	/** {@link #seal} for optional fields: {@code null} stays {@code null}. */
	@Nullable Sealed sealNullable(AccountId subject, String field, @Nullable String plaintext);

	/**
	 * Decrypts a value sealed for this subject and field.
	 * @throws DataKeyDestroyedException when the subject was crypto-shredded
	 */
	String open(AccountId subject, String field, Sealed sealed);

	/** {@link #open} for optional fields: {@code null} stays {@code null}. */
	@Nullable String openNullable(AccountId subject, String field, @Nullable Sealed sealed);

	/** The keyed lookup hash of a canonical (already normalised) value for a field. */
	BlindIndex blindIndex(String field, String canonicalValue);

	/**
	 * Destroys the subject's data key (crypto-shredding). Afterwards every sealed value of the
	 * subject, in the live database, its transaction log and every backup, is unreadable.
	 * Idempotent; returns when the key was destroyed (now or earlier), empty if none ever existed.
	 */
	Optional<Instant> destroyDataKey(AccountId subject);

	/** Whether the subject's data key has been destroyed. */
	boolean isDestroyed(AccountId subject);
}
