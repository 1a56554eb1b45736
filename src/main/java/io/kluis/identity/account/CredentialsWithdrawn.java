package io.kluis.identity.account;

import io.kluis.shared.AccountId;

/**
 * Inside identity: an account's credentials are gone (the account was erased), so anything that
 * remembers a successful check of them must forget it. Not audited: the erasure has its own record.
 */
public record CredentialsWithdrawn(AccountId account) {
}
