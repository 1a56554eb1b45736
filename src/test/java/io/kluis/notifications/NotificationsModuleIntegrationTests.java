package io.kluis.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisModuleTest;
import io.kluis.Mailbox;
import io.kluis.ModuleBeans;
import io.kluis.MutableClock;
import io.kluis.TestClock;
import io.kluis.crypto.PersonalDataCipher;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import io.kluis.shared.jobs.Jobs;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notifications module with the modules it uses (crypto seals the outbox, shared) and no other:
 * a mail queued through its API is delivered over SMTP to the test mail server ({@link Mailbox}),
 * after commit only, and not at all once its subject is erased or crypto-shredded. Scheduling is
 * off, so only the test's {@code flush()} sends; the clock starts a year ahead, so on PostgreSQL no
 * other context's dispatcher (real time) finds these mails due.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
@KluisModuleTest
@Import(TestClock.class)
@TestPropertySource(properties = { TestClock.OFFSET + "=366d", "kluis.base-url=https://mail.kluis.example" })
class NotificationsModuleIntegrationTests {

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		Mailbox.register(registry);
	}

	final Notifications notifications;

	final PersonalDataCipher cipher;

	final TransactionTemplate transactions;

	final JdbcClient jdbc;

	final MutableClock clock;

	final ConfigurableApplicationContext context;

	NotificationsModuleIntegrationTests(Notifications notifications, PersonalDataCipher cipher,
			TransactionTemplate transactions, JdbcClient jdbc, MutableClock clock, ConfigurableApplicationContext context) {
		this.notifications = notifications;
		this.cipher = cipher;
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.clock = clock;
		this.context = context;
	}

	@Test
	void bootsOnlyNotificationsAndTheModulesItUses() {
		assertThat(ModuleBeans.modulesOf(context)).containsExactly("crypto", "notifications", "shared");
		assertThat(Jobs.enabled(context.getEnvironment())).as("only flush() sends").isFalse();
	}

	@Test
	void aMailQueuedInACommittedTransactionIsDeliveredOverSmtpOnce() {
		var to = recipient();
		var subject = AccountId.random();

		MailId id = transactions.execute(tx -> notifications.send(test(to, subject)
			.with("link", notifications.link("/panel?tab=mail")).build()));
		assertThat(Mailbox.to(to.value())).as("nothing before the dispatcher runs").isEmpty();
		notifications.flush();
		notifications.flush();

		assertThat(Mailbox.to(to.value())).singleElement().satisfies(message -> {
			assertThat(message.getSubject()).startsWith("Test mail from ");
			assertThat(message.getMessageID()).isEqualTo("<" + id + "@mail.kluis.example>");
			assertThat(Mailbox.body(message)).contains("This is a test mail", "https://mail.kluis.example/panel?tab=mail");
		});
		assertThat(notifications.mailsAbout(subject)).singleElement().satisfies(mail -> {
			assertThat(mail.id()).isEqualTo(id);
			assertThat(mail.recipient()).isEqualTo(to.value());
			assertThat(mail.status()).isEqualTo("SENT");
			assertThat(mail.sentAt()).isEqualTo(clock.instant());
		});
	}

	@Test
	void aMailQueuedInARolledBackTransactionIsNeverSent() {
		var to = recipient();

		transactions.executeWithoutResult(tx -> {
			notifications.send(test(to, AccountId.random()).build());
			tx.setRollbackOnly();
		});
		notifications.flush();

		assertThat(Mailbox.to(to.value())).isEmpty();
	}

	// SEC-3: the outbox is sealed under the subject's data key; a dump alone shows no recipient or body.
	@Test
	void theQueuedMailIsStoredSealed() {
		var to = recipient();
		String marker = "marker-" + UUID.randomUUID();
		var id = notifications.send(test(to, AccountId.random()).with("note", marker).build());

		Map<String, Object> row = jdbc.sql("select * from notifications_outbox where id = ?").param(id.value())
			.query().singleRow();

		assertThat(row.values()).map(NotificationsModuleIntegrationTests::text)
			.noneMatch(value -> value.contains(to.value()) || value.contains(marker) || value.contains("Test mail from"));
		notifications.flush();
		assertThat(Mailbox.body(Mailbox.to(to.value()).get(0))).contains(marker);
	}

	@Test
	void aMailOfAnErasedSubjectIsNotSentAndNoLongerHeld() {
		var to = recipient();
		var subject = AccountId.random();
		notifications.send(test(to, subject).build());

		assertThat(notifications.eraseFor(subject)).isEqualTo(1);
		notifications.flush();

		assertThat(Mailbox.to(to.value())).isEmpty();
		assertThat(notifications.mailsAbout(subject)).isEmpty();
	}

	@Test
	void aMailWaitingWhenItsSubjectIsCryptoShreddedIsFailedInsteadOfSent() {
		var to = recipient();
		var subject = AccountId.random();
		var id = notifications.send(test(to, subject).build());

		cipher.destroyDataKey(subject);
		notifications.flush();

		assertThat(Mailbox.to(to.value())).isEmpty();
		assertThat(jdbc.sql("select status, last_error_code from notifications_outbox where id = ?").param(id.value())
			.query().singleRow()).containsEntry("status", "FAILED").containsEntry("last_error_code", "key-destroyed");
		assertThat(notifications.mailsAbout(subject)).as("unreadable, so left out of an export").isEmpty();
	}

	private static Mail.Builder test(EmailAddress to, AccountId subject) {
		return Mail.to(to).locale(Locale.ENGLISH).template("notifications/test").subject(subject);
	}

	private static EmailAddress recipient() {
		return EmailAddress.of("m-" + UUID.randomUUID() + "@example.nl");
	}

	private static String text(Object value) {
		return value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
				: String.valueOf(value);
	}
}
