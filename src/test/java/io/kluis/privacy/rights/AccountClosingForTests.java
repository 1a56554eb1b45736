package io.kluis.privacy.rights;

import io.kluis.shared.AccountId;
import org.springframework.context.ApplicationContext;

/** Closes an account as the customer does in the panel, for tests of other modules. */
public final class AccountClosingForTests {

	private AccountClosingForTests() {
	}

	public static void close(ApplicationContext context, AccountId account) {
		context.getBean(ClosingAccounts.class).close(account, account);
	}
}
