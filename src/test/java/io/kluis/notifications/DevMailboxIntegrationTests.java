package io.kluis.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisIntegrationTest;
import io.kluis.TestClock;
import io.kluis.notifications.internal.MailViewer;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Without {@code spring.mail.host}, mail goes to the local mail viewer. */
@KluisIntegrationTest
@Import(TestClock.class)
@TestPropertySource(properties = { NotificationsTestClock.A_YEAR_AHEAD, NotificationsTestClock.NO_SCHEDULING })
class DevMailboxIntegrationTests {

	@Autowired
	Notifications notifications;

	@Autowired
	MailViewer viewer;

	@Autowired
	JdbcClient jdbc;

	@Test
	void withoutSmtpTheMailLandsInTheMailViewerAndReadsBackInFull() {
		var to = recipient();
		String marker = "marker-" + UUID.randomUUID();
		var id = notifications.send(Mail.to(to).locale(Mail.DUTCH).template("notifications/test").with("note", marker)
			.oneClickUnsubscribe(notifications.link("/unsubscribe/abc")).build());

		assertThat(notifications.flush()).isGreaterThanOrEqualTo(1);

		assertThat(viewer.inUse()).isTrue();
		assertThat(viewer.latest()).anySatisfy(summary -> {
			assertThat(summary.id()).isEqualTo(id);
			assertThat(summary.recipient()).isEqualTo(to.value());
			assertThat(summary.subjectLine()).isEqualTo("Testmail van Voorbeeld Hosting B.V.");
		});
		var mail = viewer.find(id).orElseThrow();
		assertThat(mail.text()).contains("Dit is een testmail", marker);
		assertThat(mail.html()).contains("Dit is een testmail", marker);
		assertThat(mail.headers()).containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		assertThat(mail.messageId()).startsWith("<" + id.value());
		assertThat(jdbc.sql("select status from notifications_outbox where id = ?").param(id.value())
			.query(String.class).single()).isEqualTo("SENT");
	}

	// SEC-3: the mail viewer is sealed like the outbox.
	@Test
	void theMailViewerHoldsNoPlaintextEither() {
		var to = recipient();
		String marker = "marker-" + UUID.randomUUID();
		var id = notifications.send(Mail.to(to).locale(Locale.ENGLISH).template("notifications/test")
			.with("note", marker).build());
		notifications.flush();

		Map<String, Object> row = jdbc.sql("select * from notifications_dev_mailbox where id = ?").param(id.value())
			.query().singleRow();

		for (var column : row.entrySet()) {
			String content = column.getValue() instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1)
					: String.valueOf(column.getValue());
			assertThat(content).as(column.getKey()).doesNotContain(to.value(), marker, "Test mail from");
		}
	}

	// RET-5, RIG-3: erasure takes the subject's mails with it.
	@Test
	void erasingASubjectRemovesItsQueuedSentAndViewerRowsButNobodyElses() {
		var subject = AccountId.random();
		var other = AccountId.random();
		var sent = notifications.send(mail(subject));
		notifications.flush();
		var queued = notifications.send(mail(subject));
		var othersMail = notifications.send(mail(other));

		int removed = notifications.eraseFor(subject);

		assertThat(removed).isEqualTo(3);
		assertThat(count("notifications_outbox", subject)).isZero();
		assertThat(count("notifications_dev_mailbox", subject)).isZero();
		assertThat(viewer.find(sent)).isEmpty();
		notifications.flush();
		assertThat(viewer.find(queued)).isEmpty();
		assertThat(viewer.find(othersMail)).isPresent();
		assertThat(notifications.eraseFor(subject)).isZero();
	}

	// RET-5: a crypto-shredded subject is not mailed any more.
	@Test
	void aMailWhoseSubjectWasCryptoShreddedWhileQueuedIsNeverDelivered(@Autowired io.kluis.crypto.PersonalDataCipher cipher) {
		var subject = AccountId.random();
		var id = notifications.send(mail(subject));
		cipher.destroyDataKey(subject);

		notifications.flush();

		assertThat(viewer.find(id)).isEmpty();
		assertThat(jdbc.sql("select status, last_error_code from notifications_outbox where id = ?").param(id.value())
			.query().singleRow()).containsEntry("status", "FAILED").containsEntry("last_error_code", "key-destroyed");
	}

	@Test
	void linksArePrefixedWithTheConfiguredBaseUrl(@Value("${kluis.base-url}") String baseUrl) {
		assertThat(notifications.link("/verify?token=abc"))
			.isEqualTo(baseUrl.replaceAll("/$", "") + "/verify?token=abc");
	}

	private long count(String table, AccountId subject) {
		return jdbc.sql("select count(*) from " + table + " where subject_id = ?").param(subject.value())
			.query(Long.class).single();
	}

	private static Mail mail(AccountId subject) {
		return Mail.to(recipient()).locale(Locale.ENGLISH).template("notifications/test").subject(subject).build();
	}

	private static EmailAddress recipient() {
		return EmailAddress.of("r-" + UUID.randomUUID() + "@example.nl");
	}
}
