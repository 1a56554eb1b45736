package io.kluis.identity.account;

import io.kluis.privacy.spi.AccountContact;
import io.kluis.privacy.spi.AccountDirectory;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Identity's answer to the privacy engine's questions about accounts (privacy never imports identity). */
@Component
class PrivacyAccountDirectory implements AccountDirectory {

	private final Accounts accounts;

	private final PasswordManagement passwords;

	private final MultiFactor multiFactor;

	PrivacyAccountDirectory(Accounts accounts, PasswordManagement passwords, MultiFactor multiFactor) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.multiFactor = multiFactor;
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
	@Transactional
	public boolean reauthenticate(AccountId id, String password, @Nullable String secondFactorCode) {
		if (!passwords.verify(id, password)) {
			return false;
		}
		var account = accounts.findById(id);
		if (account.isEmpty() || !account.get().hasMfa()) {
			return account.isPresent();
		}
		if (secondFactorCode != null && secondFactorCode.length() <= 64
				&& multiFactor.verify(id, secondFactorCode.strip()).isPresent()) {
			return true;
		}
		passwords.recordFailedFactor(id);
		return false;
	}

	private static AccountContact contact(Account account) {
		var personal = account.personal();
		return new AccountContact(account.id(), account.email(), account.locale(),
				personal == null ? null : personal.firstName());
	}
}
