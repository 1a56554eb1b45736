/**
 * Storage's side of the privacy engine: export (the file list and the blobs as stored, so a vault
 * exports as the Cryptomator vault it is), erasure of every space, and the trash's retention.
 */
@NullMarked
package io.kluis.storage.privacy;

import org.jspecify.annotations.NullMarked;
