/**
 * The consent ledger: the newsletter with double opt-in and one-click unsubscribe (CON-1, CON-3),
 * cookie choices by category with the enforcement point for non-technical cookies (CON-2), and the
 * append-only proof of every consent and withdrawal with the policy version in force. The
 * newsletter's public pages and its RFC 8058 CSRF exemption are declared in {@code NewsletterWeb},
 * which moves with the newsletter.
 */
@NullMarked
package io.kluis.privacy.consent;

import org.jspecify.annotations.NullMarked;
