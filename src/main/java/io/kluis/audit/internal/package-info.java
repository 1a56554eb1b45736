/** Implementation of the audit trail: the chain store, hashing, verification, the event listener and commands. */
@NullMarked
package io.kluis.audit.internal;

import org.jspecify.annotations.NullMarked;
