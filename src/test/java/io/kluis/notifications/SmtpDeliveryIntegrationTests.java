package io.kluis.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.kluis.KluisIntegrationTest;
import io.kluis.MutableClock;
import io.kluis.TestClock;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** Delivery over SMTP, against GreenMail on a free port. */
@KluisIntegrationTest
@Import(TestClock.class)
@TestPropertySource(properties = { NotificationsTestClock.A_YEAR_AHEAD, NotificationsTestClock.NO_SCHEDULING,
		"kluis.notifications.max-attempts=3",
		"kluis.base-url=https://mail.kluis.example", "kluis.notifications.from=Hosting BV <no-reply@hosting.example>" })
@ExtendWith(OutputCaptureExtension.class)
class SmtpDeliveryIntegrationTests {

	static final int PORT = freePort();

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

	@DynamicPropertySource
	static void smtpServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> PORT);
		registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "2000");
		registry.add("spring.mail.properties.mail.smtp.timeout", () -> "5000");
	}

	@Autowired
	Notifications notifications;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	// CON-1 (transport part): one-click unsubscribe headers (RFC 8058) reach the recipient.
	@Test
	void aMailQueuedInACommittedTransactionArrivesInDutchWithTextAndHtmlPartsLinksAndHeaders() throws Exception {
		var to = recipient();

		transactions.executeWithoutResult(tx -> notifications.send(Mail.to(to).locale(Mail.DUTCH)
			.template("notifications/test").subject(AccountId.random()).category(MailCategory.MARKETING)
			.with("link", notifications.link("/panel?tab=mail"))
			.oneClickUnsubscribe(notifications.link("/unsubscribe/t0k3n"))
			.header("X-Kluis-Campaign", "welcome")
			.build()));
		notifications.flush();

		MimeMessage message = single(to);
		assertThat(message.getSubject()).isEqualTo("Testmail van Voorbeeld Hosting B.V.");
		assertThat(message.getFrom()[0].toString()).isEqualTo("Hosting BV <no-reply@hosting.example>");
		assertThat(message.getHeader("List-Unsubscribe", null)).isEqualTo("<https://mail.kluis.example/unsubscribe/t0k3n>");
		assertThat(message.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(message.getHeader("X-Kluis-Campaign", null)).isEqualTo("welcome");
		assertThat(message.getMessageID()).endsWith("@mail.kluis.example>");
		assertThat(message.getContentType()).startsWith("multipart/alternative");
		var parts = (MimeMultipart) message.getContent();
		assertThat(parts.getCount()).isEqualTo(2);
		assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
		assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
		String text = (String) parts.getBodyPart(0).getContent();
		String html = (String) parts.getBodyPart(1).getContent();
		assertThat(text).contains("Dit is een testmail", "https://mail.kluis.example/panel?tab=mail");
		assertThat(html).contains("Dit is een testmail", "href=\"https://mail.kluis.example/panel?tab=mail\"");
		assertThat(links(text + html)).isNotEmpty().allMatch(link -> link.startsWith("https://mail.kluis.example"));
	}

	@Test
	void aMailInEnglishArrivesWithTheEnglishSubject() throws Exception {
		var to = recipient();

		notifications.send(Mail.to(to).locale(Locale.ENGLISH).template("notifications/test").build());
		notifications.flush();

		MimeMessage message = single(to);
		assertThat(message.getSubject()).isEqualTo("Test mail from Voorbeeld Hosting B.V.");
		assertThat((String) ((MimeMultipart) message.getContent()).getBodyPart(0).getContent())
			.contains("This is a test mail");
	}

	@Test
	void aMailQueuedInARolledBackTransactionIsNeverSent() {
		var to = recipient();
		var id = new AtomicReference<MailId>();

		transactions.executeWithoutResult(tx -> {
			id.set(notifications.send(Mail.to(to).locale(Locale.ENGLISH).template("notifications/test").build()));
			tx.setRollbackOnly();
		});
		notifications.flush();
		clock.advance(Duration.ofDays(1));
		notifications.flush();

		assertThat(received(to)).isEmpty();
		assertThat(jdbc.sql("select count(*) from notifications_outbox where id = ?").param(id.get().value())
			.query(Long.class).single()).isZero();
	}

	@Test
	void whileTheSmtpServerIsDownAMailIsRetriedWithBackoffAndSentWhenItIsBack(CapturedOutput output) {
		var to = recipient();
		smtp.stop();
		var id = notifications.send(Mail.to(to).locale(Locale.ENGLISH).template("notifications/test")
			.with("note", "marker-" + UUID.randomUUID()).build());
		var firstAttempt = clock.instant();

		notifications.flush();
		assertThat(row(id)).containsEntry("status", "QUEUED").containsEntry("attempts", 1)
			.containsEntry("last_error_code", "smtp-connect");
		assertThat(nextAttempt(id)).isEqualTo(firstAttempt.plus(Duration.ofMinutes(1)));

		clock.advance(Duration.ofSeconds(59));
		notifications.flush();
		assertThat(row(id)).containsEntry("attempts", 1);

		clock.advance(Duration.ofSeconds(1));
		notifications.flush();
		assertThat(row(id)).containsEntry("status", "QUEUED").containsEntry("attempts", 2);
		assertThat(nextAttempt(id)).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));

		smtp.start();
		clock.advance(Duration.ofMinutes(5));
		notifications.flush();

		assertThat(received(to)).hasSize(1);
		assertThat(row(id)).containsEntry("status", "SENT").containsEntry("attempts", 3);
		assertThat(output.getAll()).contains(id.toString(), "smtp-connect").doesNotContain(to.value(), "marker-");
	}

	@Test
	void aMailIsFailedAfterTheMaximumNumberOfAttemptsAndNotTriedAgain() {
		var to = recipient();
		smtp.stop();
		var id = notifications.send(Mail.to(to).locale(Locale.ENGLISH).template("notifications/test").build());

		notifications.flush();
		clock.advance(Duration.ofMinutes(1));
		notifications.flush();
		clock.advance(Duration.ofMinutes(5));
		notifications.flush();
		assertThat(row(id)).containsEntry("status", "FAILED").containsEntry("attempts", 3)
			.containsEntry("last_error_code", "smtp-connect");

		smtp.start();
		clock.advance(Duration.ofDays(1));
		notifications.flush();

		assertThat(received(to)).isEmpty();
		assertThat(row(id)).containsEntry("status", "FAILED").containsEntry("attempts", 3);
	}

	// SEC-3: a database dump alone does not reveal who was mailed what.
	@Test
	void theOutboxHoldsNoPlaintextRecipientSubjectOrBody() {
		var to = recipient();
		String marker = "marker-" + UUID.randomUUID();
		var id = notifications.send(Mail.to(to).locale(Locale.ENGLISH).template("notifications/test")
			.with("note", marker).with("link", notifications.link("/verify?token=" + marker)).build());

		Map<String, Object> row = jdbc.sql("select * from notifications_outbox where id = ?").param(id.value())
			.query().singleRow();

		assertThat(row).isNotEmpty();
		for (var column : row.entrySet()) {
			String content = column.getValue() instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1)
					: String.valueOf(column.getValue());
			assertThat(content).as(column.getKey())
				.doesNotContain(to.value(), marker, "Test mail from", "This is a test mail");
		}
	}

	private Map<String, Object> row(MailId id) {
		return jdbc.sql("select status, attempts, last_error_code from notifications_outbox where id = ?")
			.param(id.value())
			.query()
			.singleRow();
	}

	private java.time.Instant nextAttempt(MailId id) {
		return jdbc.sql("select next_attempt_at from notifications_outbox where id = ?").param(id.value())
			.query(Timestamp.class).single().toInstant();
	}

	private static EmailAddress recipient() {
		return EmailAddress.of("r-" + UUID.randomUUID() + "@example.nl");
	}

	private static MimeMessage single(EmailAddress to) {
		List<MimeMessage> messages = received(to);
		assertThat(messages).hasSize(1);
		return messages.get(0);
	}

	private static List<MimeMessage> received(EmailAddress to) {
		if (!smtp.isRunning()) {
			return List.of();
		}
		return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
			try {
				return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
					.anyMatch(a -> a.toString().equalsIgnoreCase(to.value()));
			}
			catch (Exception e) {
				return false;
			}
		}).toList();
	}

	private static List<String> links(String content) {
		var matcher = java.util.regex.Pattern.compile("https?://[^\\s\"<>)]+").matcher(content);
		var links = new java.util.ArrayList<String>();
		while (matcher.find()) {
			links.add(matcher.group());
		}
		return links;
	}

	private static int freePort() {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
