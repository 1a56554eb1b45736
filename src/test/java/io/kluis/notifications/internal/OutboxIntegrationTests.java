package io.kluis.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisIntegrationTest;
import io.kluis.MutableClock;
import io.kluis.TestClock;
import io.kluis.crypto.PersonalDataCipher;
import io.kluis.notifications.Mail;
import io.kluis.notifications.MailId;
import io.kluis.notifications.Notifications;
import io.kluis.notifications.NotificationsTestClock;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Claims, crashed nodes and retention, on the mail-viewer transport. */
@KluisIntegrationTest
@Import(TestClock.class)
@TestPropertySource(properties = { NotificationsTestClock.A_YEAR_AHEAD, NotificationsTestClock.NO_SCHEDULING })
class OutboxIntegrationTests {

	@Autowired
	Notifications notifications;

	@Autowired
	OutboxRetention retention;

	static final Duration SENT_MAIL_PERIOD = Duration.ofDays(30);

	@Autowired
	MailViewer viewer;

	@Autowired
	PersonalDataCipher cipher;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void aMailLeftSendingByACrashedNodeIsTakenOverAfterTheLease() {
		notifications.flush();
		var id = notifications.send(mail(null));
		jdbc.sql("update notifications_outbox set status = 'SENDING', attempts = 1, claim_token = ?, claimed_until = ? "
				+ "where id = ?")
			.params(UUID.randomUUID(), Timestamp.from(clock.instant().plus(Duration.ofMinutes(5))), id.value())
			.update();

		notifications.flush();
		assertThat(status(id)).isEqualTo("SENDING");

		clock.advance(Duration.ofMinutes(5));
		notifications.flush();

		assertThat(status(id)).isEqualTo("SENT");
		assertThat(viewer.find(id)).isPresent();
	}

	@Test
	void aMailWhoseLastAttemptWasLostWithItsNodeIsFailedInsteadOfRetriedForever() {
		var id = notifications.send(mail(null));
		jdbc.sql("update notifications_outbox set status = 'SENDING', attempts = 6, claim_token = ?, claimed_until = ? "
				+ "where id = ?")
			.params(UUID.randomUUID(), Timestamp.from(clock.instant()), id.value())
			.update();

		notifications.flush();

		assertThat(status(id)).isEqualTo("FAILED");
		assertThat(viewer.find(id)).isEmpty();
	}

	@Test
	void twoNodesFlushingAtOnceDeliverEveryMailExactlyOnce() throws Exception {
		notifications.flush();
		List<MailId> ids = new ArrayList<>();
		for (int i = 0; i < 45; i++) {
			ids.add(notifications.send(mail(null)));
		}
		var barrier = new CyclicBarrier(2);
		Callable<Integer> node = () -> {
			barrier.await();
			return notifications.flush();
		};
		var executor = Executors.newFixedThreadPool(2);
		try {
			var first = executor.submit(node);
			var second = executor.submit(node);

			assertThat(first.get() + second.get()).isEqualTo(ids.size());
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(ids).allSatisfy(id -> assertThat(status(id)).isEqualTo("SENT"));
	}

	// RET-2: sent mail is kept no longer than the register's sent-mail period (30 days).
	@Test
	void sentMailsArePurgedAfterRetentionAndTheKeyOfASubjectlessMailIsDestroyed() {
		var subject = AccountId.random();
		var subjectless = notifications.send(mail(null));
		var withSubject = notifications.send(mail(subject));
		notifications.flush();
		AccountId ownKey = keyOwner(subjectless);

		clock.advance(Duration.ofDays(29));
		retention.purgeBefore(clock.instant().minus(SENT_MAIL_PERIOD), false);
		assertThat(status(subjectless)).isEqualTo("SENT");

		clock.advance(Duration.ofDays(1).plusSeconds(1));
		assertThat(retention.purgeBefore(clock.instant().minus(SENT_MAIL_PERIOD), false)).isGreaterThanOrEqualTo(2);

		assertThat(exists("notifications_outbox", subjectless)).isFalse();
		assertThat(exists("notifications_outbox", withSubject)).isFalse();
		assertThat(exists("notifications_dev_mailbox", subjectless)).isFalse();
		assertThat(exists("notifications_dev_mailbox", withSubject)).isFalse();
		assertThat(cipher.isDestroyed(ownKey)).isTrue();
		assertThat(cipher.isDestroyed(subject)).as("the subject's own key belongs to the subject").isFalse();
	}

	@Test
	void queuedMailsAreNotPurged() {
		var id = notifications.send(mail(null));
		jdbc.sql("update notifications_outbox set next_attempt_at = ? where id = ?")
			.params(Timestamp.from(clock.instant().plus(Duration.ofDays(400))), id.value())
			.update();

		clock.advance(Duration.ofDays(60));
		retention.purgeBefore(clock.instant().minus(SENT_MAIL_PERIOD), false);

		assertThat(status(id)).isEqualTo("QUEUED");
	}

	private String status(MailId id) {
		return jdbc.sql("select status from notifications_outbox where id = ?").param(id.value()).query(String.class)
			.single();
	}

	private boolean exists(String table, MailId id) {
		return jdbc.sql("select count(*) from " + table + " where id = ?").param(id.value()).query(Long.class)
			.single() > 0;
	}

	private AccountId keyOwner(MailId id) {
		return new AccountId(jdbc.sql("select key_owner_id from notifications_outbox where id = ?").param(id.value())
			.query(UUID.class).single());
	}

	private static Mail mail(AccountId subject) {
		return Mail.to(EmailAddress.of("r-" + UUID.randomUUID() + "@example.nl")).locale(Locale.ENGLISH)
			.template("notifications/test").subject(subject).build();
	}
}
