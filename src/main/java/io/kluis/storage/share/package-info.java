/**
 * Sharing (STO-2). Share links: an owner grants access to a file or folder by a link with an
 * optional expiry, password and download limit, and revokes it. Shares to another customer: by
 * email address, listed for the recipient under "shared with me", revocable at once. Every
 * creation, access and revocation is recorded for the owner. For vault content the server holds
 * only ciphertext and an encrypted manifest; its key travels in a link's fragment, or wrapped for
 * the recipient's public key, which only their browser unwraps.
 */
@NullMarked
package io.kluis.storage.share;

import org.jspecify.annotations.NullMarked;
