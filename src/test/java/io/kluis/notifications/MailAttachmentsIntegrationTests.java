package io.kluis.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.kluis.KluisIntegrationTest;
import io.kluis.Mailbox;
import io.kluis.TestClock;
import io.kluis.WithMailbox;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Attachments by reference: the outbox stores only the sealed reference, the named
 * {@link MailAttachmentSource} provides the files at send time, and SMTP carries them; a mail whose
 * source is unknown is retried, not sent without its files.
 */
@KluisIntegrationTest
@Import({ TestClock.class, MailAttachmentsIntegrationTests.Files.class })
class MailAttachmentsIntegrationTests extends WithMailbox {

	@TestConfiguration(proxyBeanMethods = false)
	static class Files {

		static final AtomicInteger CALLS = new AtomicInteger();

		@Bean
		MailAttachmentSource testFiles() {
			return new MailAttachmentSource() {

				@Override
				public String id() {
					return "test-files";
				}

				@Override
				public List<MailAttachment> attachmentsFor(String reference) {
					CALLS.incrementAndGet();
					return List.of(new MailAttachment(reference + ".txt", "text/plain",
							("content of " + reference).getBytes(StandardCharsets.UTF_8)));
				}
			};
		}
	}

	@Autowired
	Notifications notifications;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theSourceProvidesTheFilesAtSendTimeAndTheOutboxKeepsOnlyTheSealedReference() throws Exception {
		String to = "attach-" + UUID.randomUUID() + "@example.org";
		String reference = "doc-" + UUID.randomUUID();
		MailId id = transactions.execute(tx -> notifications.send(Mail.to(EmailAddress.of(to)).locale(Locale.ENGLISH)
			.template("notifications/test").subject(AccountId.random())
			.with("link", notifications.link("/panel"))
			.attach("test-files", reference)
			.build()));
		byte[] stored = jdbc.sql("select attachments from notifications_outbox where id = ?").param(id.value())
			.query(byte[].class).single();
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(reference).doesNotContain("test-files");
		assertThat(Files.CALLS.get()).as("nothing is fetched when queueing").isZero();

		notifications.flush();
		MimeMessage message = Mailbox.awaitMail(to, 1);
		assertThat(message.getContentType()).startsWith("multipart/mixed");
		var mixed = (MimeMultipart) message.getContent();
		assertThat(mixed.getCount()).isEqualTo(2);
		var file = mixed.getBodyPart(1);
		assertThat(file.getDisposition()).isEqualTo(Part.ATTACHMENT);
		assertThat(file.getFileName()).isEqualTo(reference + ".txt");
		assertThat(new String(file.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("content of " + reference);
	}

	@Test
	void aMailWhoseAttachmentSourceIsUnknownIsRetriedNotSentWithoutItsFiles() {
		String to = "attach-" + UUID.randomUUID() + "@example.org";
		MailId id = transactions.execute(tx -> notifications.send(Mail.to(EmailAddress.of(to)).locale(Locale.ENGLISH)
			.template("notifications/test").subject(AccountId.random())
			.with("link", notifications.link("/panel"))
			.attach("nobody-here", "x1")
			.build()));
		notifications.flush();

		var row = jdbc.sql("select status, last_error_code from notifications_outbox where id = ?").param(id.value())
			.query().singleRow();
		assertThat(row.get("status")).isEqualTo("QUEUED");
		assertThat(row.get("last_error_code")).isEqualTo("attachment-source-unknown");
		assertThat(Mailbox.to(to)).isEmpty();
	}

	@Test
	void referencesAreShortSingleLineTokens() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Mail.AttachmentReference("test-files", "a b"));
		assertThatIllegalArgumentException().isThrownBy(() -> new Mail.AttachmentReference("test-files", "a\nb"));
		assertThatIllegalArgumentException().isThrownBy(() -> new Mail.AttachmentReference("Test Files", "a"));
		assertThat(Mail.to(EmailAddress.of("a@example.org")).locale(Locale.ENGLISH).template("notifications/test")
			.attach("test-files", "x").build().toString()).contains("attachments=1").doesNotContain("test-files");
	}
}
