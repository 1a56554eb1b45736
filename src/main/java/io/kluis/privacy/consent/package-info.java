/**
 * The consent ledger: the append-only proof of every consent and withdrawal with the policy version
 * in force (offered to other modules as {@link io.kluis.privacy.ConsentProofs}; the newsletter module
 * is its first consumer), and cookie choices by category with the enforcement point for
 * non-technical cookies (CON-2).
 */
@NullMarked
package io.kluis.privacy.consent;

import org.jspecify.annotations.NullMarked;
