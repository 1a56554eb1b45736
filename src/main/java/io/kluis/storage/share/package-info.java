/**
 * Share links (STO-2): an owner grants access to a file or folder by a link with an optional expiry,
 * password and download limit, and revokes it; every creation, access and revocation is recorded
 * for the owner. For vault content the server holds only ciphertext and an encrypted manifest; the
 * key travels in the link's fragment, which browsers never send.
 */
@NullMarked
package io.kluis.storage.share;

import org.jspecify.annotations.NullMarked;
