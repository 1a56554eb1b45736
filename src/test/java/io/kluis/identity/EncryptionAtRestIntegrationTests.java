package io.kluis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kluis.DatabaseScan;
import io.kluis.KluisIntegrationTest;
import io.kluis.Mailbox;
import io.kluis.WithMailbox;
import io.kluis.crypto.DataKeyDestroyedException;
import io.kluis.crypto.PersonalDataCipher;
import io.kluis.crypto.Sealed;
import io.kluis.identity.account.Accounts;
import io.kluis.identity.account.AppPasswords;
import io.kluis.identity.account.PasswordManagement;
import io.kluis.identity.account.PersonalDataManagement;
import io.kluis.identity.account.RegistrationRequest;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SEC-3 from the database's side: what a dump shows of a customer, and what crypto-shredding and
 * the binding of each sealed value to its owner guarantee.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
class EncryptionAtRestIntegrationTests extends WithMailbox {

	@Autowired
	ApplicationContext context;

	@Autowired
	Accounts accounts;

	@Autowired
	AppPasswords appPasswords;

	@Autowired
	PasswordManagement passwords;

	@Autowired
	PersonalDataManagement personalData;

	@Autowired
	PersonalDataCipher cipher;

	@Autowired
	JdbcClient jdbc;

	TestAccounts fixtures;

	DatabaseScan scan;

	@BeforeEach
	void setUp() {
		fixtures = TestAccounts.in(context);
		scan = new DatabaseScan(jdbc);
	}

	@Test
	@DisplayName("SEC-3: a raw database read shows no plaintext of encrypted fields")
	void aRawReadOfEveryColumnShowsNoPersonalValue() {
		String marker = UUID.randomUUID().toString().substring(0, 8);
		String email = "sec3-" + UUID.randomUUID() + "@example.org";
		String newEmail = "sec3-new-" + UUID.randomUUID() + "@example.org";
		String ip = "203.0.113.187";
		var request = new RegistrationRequest(email, TestAccounts.PASSWORD, "Zyxwvutsrq", "Qoppakappa",
				"Vlinderslagstraat 8765", "9753 XQ", "Jubbega-Schurega", "NL", LocalDate.of(1958, 3, 17),
				"+31 6 13572468", "Quuxbar Hosting B.V.", true);
		var customer = fixtures.verified(request, ip);
		String appPasswordName = "Zyxwvutsrq laptop " + marker;
		var appPassword = appPasswords.create(customer.id(), appPasswordName);
		passwords.requestReset(email);
		personalData.requestEmailChange(customer.id(), newEmail);
		var mails = Mailbox.awaitMails(email, 2);
		String verificationToken = Mailbox.token(Mailbox.withLink(mails, "/verify"), "/verify");
		String resetToken = Mailbox.token(Mailbox.withLink(mails, "/login/reset"), "/login/reset");
		String emailChangeToken = Mailbox.token(Mailbox.awaitMail(newEmail, 1), "/email/confirm");

		List<String> personal = List.of(email, email.substring(0, email.indexOf('@')), newEmail, "Zyxwvutsrq",
				"Qoppakappa", "Vlinderslagstraat 8765", "Vlinderslagstraat", "9753 XQ", "9753XQ", "Jubbega-Schurega",
				"1958-03-17", "+31 6 13572468", "13572468", "Quuxbar Hosting B.V.", "Quuxbar Hosting", ip,
				appPasswordName, appPassword.secret(), appPassword.secret().replace("-", ""), TestAccounts.PASSWORD,
				verificationToken, resetToken, emailChangeToken);
		UUID id = customer.id().value();

		String customerNumber = accounts.findById(customer.id()).orElseThrow().customerNumber().value();
		assertThat(scan.rows("identity_accounts", "where id = ?", List.of(id), List.of(customerNumber)))
			.as("the scan does see a value stored in clear (the customer number)")
			.extracting(DatabaseScan.Finding::column)
			.containsExactly("customer_number");
		assertThat(scan.rows("identity_accounts", "where id = ?", List.of(id), personal)).isEmpty();
		assertThat(scan.count("identity_tokens", "where account_id = ?", List.of(id))).isGreaterThanOrEqualTo(3);
		assertThat(scan.rows("identity_tokens", "where account_id = ?", List.of(id), personal)).isEmpty();
		assertThat(scan.count("identity_app_passwords", "where account_id = ?", List.of(id))).isOne();
		assertThat(scan.rows("identity_app_passwords", "where account_id = ?", List.of(id), personal)).isEmpty();
		assertThat(scan.count("notifications_outbox", "where subject_id = ?", List.of(id))).isGreaterThanOrEqualTo(3);
		assertThat(scan.rows("notifications_outbox", "where subject_id = ?", List.of(id), personal)).isEmpty();
		assertThat(scan.tables()).contains("identity_accounts", "identity_tokens", "notifications_outbox", "audit_entries",
				"event_publication", "spring_session_attributes");
		assertThat(scan.everywhere(personal)).as("no table of the whole database holds a plaintext value").isEmpty();
	}

	@Test
	@DisplayName("SEC-3: after its data key is destroyed an account can no longer be read (crypto-shredding)")
	void destroyingTheDataKeyMakesTheAccountUnreadable() {
		var customer = fixtures.verified();
		byte[] sealedEmail = jdbc.sql("select email_sealed from identity_accounts where id = ?")
			.param(customer.id().value())
			.query(byte[].class)
			.single();
		assertThat(accounts.findById(customer.id())).isPresent();

		cipher.destroyDataKey(customer.id());

		assertThat(accounts.findById(customer.id())).isEmpty();
		assertThat(accounts.findByEmail(EmailAddress.of(customer.email()))).isEmpty();
		assertThat(cipher.isDestroyed(customer.id())).isTrue();
		assertThatThrownBy(() -> cipher.open(customer.id(), "identity.accounts.email", Sealed.fromBytes(sealedEmail)))
			.isInstanceOf(DataKeyDestroyedException.class);
	}

	@Test
	@DisplayName("SEC-3: a sealed value copied to another account's row or another column fails to open")
	void aSealedValueOnlyOpensForItsOwnAccountAndField() {
		var owner = fixtures.verified();
		var other = fixtures.verified();
		byte[] ownersFirstName = jdbc.sql("select first_name_sealed from identity_accounts where id = ?")
			.param(owner.id().value())
			.query(byte[].class)
			.single();
		Sealed sealed = Sealed.fromBytes(ownersFirstName);
		assertThat(cipher.open(owner.id(), "identity.accounts.first_name", sealed)).isEqualTo("Anna");

		assertThatThrownBy(() -> cipher.open(other.id(), "identity.accounts.first_name", sealed))
			.as("another account").isInstanceOf(RuntimeException.class);
		assertThatThrownBy(() -> cipher.open(owner.id(), "identity.accounts.last_name", sealed))
			.as("another column").isInstanceOf(RuntimeException.class);
		assertThatThrownBy(() -> cipher.open(AccountId.random(), "identity.accounts.first_name", sealed))
			.as("an account that never had a key").isInstanceOf(RuntimeException.class);

		jdbc.sql("update identity_accounts set first_name_sealed = ? where id = ?")
			.params(ownersFirstName, other.id().value())
			.update();
		try {
			assertThatThrownBy(() -> accounts.findById(other.id())).as("the row with the copied value")
				.isInstanceOf(RuntimeException.class)
				.hasMessageNotContaining("Anna");
		}
		finally {
			// A row that cannot be read would break other tests' customer lists (shared database).
			accounts.delete(other.id());
		}
		assertThat(accounts.findById(owner.id()).orElseThrow().personal().firstName()).isEqualTo("Anna");
	}
}
