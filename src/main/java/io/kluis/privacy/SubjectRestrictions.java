package io.kluis.privacy;

import io.kluis.shared.AccountId;

/**
 * Whether an account holder restricted processing (RIG-4: data kept, not processed — no newsletter,
 * no analytics, no profiling) or objected to processing on legitimate interest and to direct
 * marketing (RIG-6). Every module that processes beyond storage asks before it does.
 */
public interface SubjectRestrictions {

	boolean isRestricted(AccountId account);

	boolean hasObjected(AccountId account);

	/** Neither restricted nor objected: marketing and analytics may include this account. */
	default boolean mayProcessBeyondContract(AccountId account) {
		return !isRestricted(account) && !hasObjected(account);
	}
}
