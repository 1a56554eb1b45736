/** Implementation of envelope encryption: master keyring, data-key store, AES-GCM. */
@NullMarked
package io.kluis.crypto.internal;

import org.jspecify.annotations.NullMarked;
