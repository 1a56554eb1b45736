/** The port to where file contents live; adapters are in {@code storage.internal}. */
@NullMarked
package io.kluis.storage.blob;

import org.jspecify.annotations.NullMarked;
