package io.kluis.privacy.spi;

import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the privacy engine needs to know about accounts without importing the identity module
 * (ARCHITECTURE: privacy never imports identity). Implemented by identity.
 */
public interface AccountDirectory {

	/** The contact details of an account that still exists. */
	Optional<AccountContact> contact(AccountId account);

	/** The account behind an email address, for requests without login (RIG-7, RIG-8). */
	Optional<AccountId> findByEmail(EmailAddress email);

	/** Active customer accounts, oldest first, a page at a time (policy-change mails, newsletters). */
	List<AccountContact> customers(int offset, int limit);

	/**
	 * Re-authentication before a sensitive step (export, closing the account): the account password
	 * and, when the account has a second factor, a current code. Failures count against the same
	 * limits as failed logins.
	 */
	boolean reauthenticate(AccountId account, String password, @Nullable String secondFactorCode);
}
