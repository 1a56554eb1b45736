package io.kluis.identity.account;

import io.kluis.privacy.spi.AccountContact;
import io.kluis.privacy.spi.AccountDirectory;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Identity's answer to the privacy engine's questions about accounts (privacy never imports identity). */
@Component
class PrivacyAccountDirectory implements AccountDirectory {

	private final Accounts accounts;

	private final AccountReauthentication reauthentication;

	PrivacyAccountDirectory(Accounts accounts, AccountReauthentication reauthentication) {
		this.accounts = accounts;
		this.reauthentication = reauthentication;
	}

	@Override
	public Optional<AccountContact> contact(AccountId account) {
		return accounts.findById(account).map(PrivacyAccountDirectory::contact);
	}

	@Override
	public Optional<AccountId> findByEmail(EmailAddress email) {
		return accounts.findByEmail(email).map(Account::id);
	}

	@Override
	public List<AccountContact> customers(int offset, int limit) {
		return accounts.activeCustomers(offset, limit).stream().map(PrivacyAccountDirectory::contact).toList();
	}

	@Override
	public boolean reauthenticate(AccountId id, String password, @Nullable String secondFactorCode) {
		return reauthentication.confirms(id, password, secondFactorCode);
	}

	private static AccountContact contact(Account account) {
		var personal = account.personal();
		return new AccountContact(account.id(), account.email(), account.locale(),
				personal == null ? null : personal.firstName());
	}
}
