/**
 * Accounts and access: registration (18+), email verification, login with Argon2id, MFA (TOTP and
 * recovery codes), app passwords, sessions, staff roles. The only module that knows credentials.
 */
@NullMarked
package io.kluis.identity;

import org.jspecify.annotations.NullMarked;
