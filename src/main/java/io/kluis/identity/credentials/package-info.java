/**
 * Credential primitives for identity: Argon2id password hashing, the NIST SP 800-63B password
 * policy, TOTP, recovery codes, app passwords and one-time tokens; plain Java, wired by identity.
 * A named interface: storage hashes share-link passwords with the same {@link PasswordHasher}.
 */
@NullMarked
@NamedInterface("credentials")
package io.kluis.identity.credentials;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
