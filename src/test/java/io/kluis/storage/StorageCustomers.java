package io.kluis.storage;

import io.kluis.identity.TestAccounts;
import io.kluis.identity.account.AppPasswordScope;
import io.kluis.identity.account.AppPasswords;
import io.kluis.shared.AccountId;
import java.util.EnumSet;
import org.springframework.context.ApplicationContext;

/**
 * Scenario fixtures for storage tests: a verified customer ({@link TestAccounts}) with an app
 * password and a {@link DavClient} that uses it, the way WebDAV, upload and API clients reach Kluis.
 * Built from the test's Spring context, so a test class injects the context instead of the
 * registration, accounts, staff, clock and app-password beans.
 */
public final class StorageCustomers {

	/** A customer, one of their app passwords, and a client at {@code kluis.base-url} that uses it. */
	public record Customer(TestAccounts.Known account, String appPassword, DavClient dav) {

		public AccountId id() {
			return account.id();
		}

		public String email() {
			return account.email();
		}

		/** The account password (which WebDAV and the API refuse). */
		public String password() {
			return account.password();
		}
	}

	private final TestAccounts accounts;

	private final AppPasswords appPasswords;

	private final String baseUrl;

	private StorageCustomers(TestAccounts accounts, AppPasswords appPasswords, String baseUrl) {
		this.accounts = accounts;
		this.appPasswords = appPasswords;
		this.baseUrl = baseUrl;
	}

	public static StorageCustomers in(ApplicationContext context) {
		return new StorageCustomers(TestAccounts.in(context), context.getBean(AppPasswords.class),
				context.getEnvironment().getRequiredProperty("kluis.base-url"));
	}

	/** The identity fixtures underneath: staff members, their authentications, customers without app passwords. */
	public TestAccounts accounts() {
		return accounts;
	}

	/** A new verified customer (no app password yet). */
	public TestAccounts.Known verified() {
		return accounts.verified();
	}

	/** A new verified customer with an app password of this name. */
	public Customer withAppPassword(String name) {
		return withAppPassword(accounts.verified(), name);
	}

	/** A new app password of this name for an existing account (customer or staff). */
	public Customer withAppPassword(TestAccounts.Known account, String name) {
		String secret = appPasswords.create(account.id(), name, EnumSet.allOf(AppPasswordScope.class)).secret();
		return new Customer(account, secret, new DavClient(baseUrl, account.email(), secret));
	}
}
