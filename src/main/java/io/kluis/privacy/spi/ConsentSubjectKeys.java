package io.kluis.privacy.spi;

import java.util.UUID;

/**
 * Implemented by a module whose records share a data key with consent proofs (the newsletter: a
 * subscription's id is the subject key of its proofs and owns the data key both are sealed under).
 * The consent ledger destroys such a key, when it removes the last proofs, only when no module
 * still uses it; the module destroys it when it removes its record and no proof remains.
 */
public interface ConsentSubjectKeys {

	/** Whether the module still holds a record sealed under this subject key's data key. */
	boolean inUse(UUID subjectKey);
}
