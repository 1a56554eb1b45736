package io.kluis.identity.account;

import io.kluis.identity.AccountDetails;
import io.kluis.identity.AccountLookup;
import io.kluis.shared.AccountId;
import io.kluis.shared.CustomerNumber;
import io.kluis.shared.EmailAddress;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The {@link AccountLookup} other modules use, read from the accounts table. */
@Component
class AccountLookups implements AccountLookup {

	private final Accounts accounts;

	AccountLookups(Accounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public Optional<AccountDetails> find(AccountId account) {
		return accounts.findById(account).map(AccountLookups::details);
	}

	@Override
	public Optional<CustomerNumber> customerNumber(AccountId account) {
		return accounts.findById(account).map(Account::customerNumber);
	}

	@Override
	public Optional<AccountId> findByEmail(EmailAddress email) {
		return accounts.findByEmail(email).map(Account::id);
	}

	static AccountDetails details(Account account) {
		var personal = account.personal();
		return new AccountDetails(account.id(), account.email(), account.locale(),
				personal == null ? null : personal.firstName());
	}
}
