package io.kluis.identity;

import io.kluis.shared.AccountId;
import io.kluis.shared.CustomerNumber;
import io.kluis.shared.EmailAddress;
import java.util.Optional;

/**
 * Identity's answers about accounts for the modules above it (storage, and the coming billing,
 * hosting and support): who an account is, to mail it in its language, and which account an email
 * address belongs to. Read-only; nothing here reveals credentials or whether an address exists
 * beyond what the caller's own use case shows.
 */
public interface AccountLookup {

	/** The details of an account that still exists; empty once it is erased or never existed. */
	Optional<AccountDetails> find(AccountId account);

	/**
	 * The customer number (ACC-5) of an account that still exists and has one (customers do; staff
	 * accounts do not), for invoices and support.
	 */
	Optional<CustomerNumber> customerNumber(AccountId account);

	/** The account that has this email address (compared case-insensitively), if any. */
	Optional<AccountId> findByEmail(EmailAddress email);
}
