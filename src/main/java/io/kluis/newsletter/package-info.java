/**
 * The newsletter: sign-up with double opt-in, one-click unsubscribe (CON-1, CON-3), issues sent by an
 * administrator to exactly those who agreed, and the public, panel, admin and API pages for it. A
 * consumer of privacy's consent ledger: every step records its proof through
 * {@link io.kluis.privacy.ConsentProofs}; restrictions and objections come from
 * {@link io.kluis.privacy.SubjectRestrictions}; accounts are looked up through
 * {@link io.kluis.identity.AccountLookup}.
 *
 * <p>Depends on {@code shared}, {@code crypto}, {@code notifications}, {@code privacy} (its root API
 * and {@code privacy.spi}) and {@code identity}; nothing depends on it. No other module offers an API
 * here: everything is package-private.
 *
 * <p>Owns the tables {@code privacy_newsletter_subscriptions}, {@code privacy_newsletter_issues} and
 * {@code privacy_consent_tokens} (the confirmation links). They keep the names their migrations
 * gave them when the newsletter was part of privacy; the migrations stay where they are. Its personal
 * data is the register's {@code newsletter-subscription} ({@code heldBy: newsletter}), held by
 * {@code NewsletterDataHolder} (holder id {@code newsletter}); the proofs are privacy's
 * {@code consent-records}. A subscription's id is the subject key of its proofs and owns the data
 * key both are sealed under, destroyed when the last of the two is gone
 * ({@link io.kluis.privacy.spi.ConsentSubjectKeys}). Audit codes and log events keep their
 * {@code privacy.newsletter.*} names, so the audit trail reads the same across the upgrade.
 */
@NullMarked
package io.kluis.newsletter;

import org.jspecify.annotations.NullMarked;
