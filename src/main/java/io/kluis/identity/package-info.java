/**
 * Accounts and access: registration (18+), email verification, login with Argon2id, MFA (TOTP and
 * recovery codes), app passwords, sessions, staff roles. The only module that knows credentials.
 *
 * <p>The API other modules use: {@link io.kluis.identity.CurrentAccount} (the signed-in account, ids
 * and roles only), {@link io.kluis.identity.AccountLookup} with {@link io.kluis.identity.AccountDetails}
 * (an account's email address, language and first name by id, and the account behind an email
 * address), {@link io.kluis.identity.Role}, the account events, and the named interface
 * {@code credentials}. Identity sits above {@code privacy}: it implements privacy's
 * {@code AccountDirectory} (privacy never imports identity) and its own personal-data holders.
 */
@NullMarked
package io.kluis.identity;

import org.jspecify.annotations.NullMarked;
