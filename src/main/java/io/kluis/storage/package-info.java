/**
 * Private cloud storage: a customer's spaces (an end-to-end encrypted vault, plain spaces, later
 * site spaces), the file tree in each, quota, trash, and WebDAV access at {@code /dav/<space>/}.
 *
 * <p>The server stores what clients send: in a vault that is a Cryptomator vault (format 8) whose
 * names and contents were encrypted in the customer's browser or app, so the provider holds only
 * ciphertext (STO-1). Contents live in a {@link io.kluis.storage.blob.BlobStore} (local filesystem
 * or S3-compatible); every write is temp → fsync → rename before it is acknowledged, and a blob
 * journal in the database makes a crash leave either the old or the new version, never a torn file
 * or an orphan row.
 *
 * <p>A customer's quota is {@code kluis.storage.default-quota} unless a storage plan from billing sets
 * another: storage implements billing's {@link io.kluis.billing.ProductProvisioner} for
 * {@link io.kluis.billing.ProductKind#STORAGE} ({@code files.StoragePlans}), so storage depends on billing's
 * API and billing knows nothing of storage.
 */
@NullMarked
package io.kluis.storage;

import org.jspecify.annotations.NullMarked;
