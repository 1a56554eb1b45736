/**
 * Envelope encryption of personal data at rest (SEC-3): one AES-256 data key per data subject,
 * wrapped by a master key that never touches the database; keyed blind indexes for lookups; and
 * crypto-shredding, which makes every copy of a subject's fields unreadable by destroying one key.
 *
 * <p>The API a module uses: {@link io.kluis.crypto.PersonalDataCipher} and the {@link io.kluis.crypto.Sealed}
 * value it stores in a binary column.
 */
@NullMarked
package io.kluis.crypto;

import org.jspecify.annotations.NullMarked;
