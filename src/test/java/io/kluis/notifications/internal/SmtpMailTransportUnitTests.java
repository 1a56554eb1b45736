package io.kluis.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.kluis.notifications.MailCategory;
import io.kluis.notifications.MailId;
import io.kluis.shared.AccountId;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMultipart;
import java.net.ConnectException;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class SmtpMailTransportUnitTests {

	final SmtpMailTransport transport = new SmtpMailTransport(new JavaMailSenderImpl(),
			SmtpMailTransport.parseFrom("Hosting BV <no-reply@hosting.example>"), Clock.systemUTC());

	@Test
	void aMailIsMultipartAlternativeWithTextFirstAndKeepsItsMessageIdAndHeaders() throws Exception {
		var message = transport.mimeMessage(mail());
		message.saveChanges();
		message.setHeader("Message-ID", "<fixed@kluis.example>");

		assertThat(message.getContentType()).startsWith("multipart/alternative");
		var parts = (MimeMultipart) message.getContent();
		assertThat(parts.getCount()).isEqualTo(2);
		assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").contains("UTF-8");
		assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html").contains("UTF-8");
		assertThat(message.getSubject()).isEqualTo("Wachtwoord gewijzigd – Hosting BV");
		assertThat(message.getHeader("List-Unsubscribe", null)).isEqualTo("<https://kluis.example/u/1>");
		assertThat(message.getFrom()[0].toString()).isEqualTo("Hosting BV <no-reply@hosting.example>");
	}

	@Test
	void attachmentsMakeItMultipartMixedWithTheAlternativesFirst() throws Exception {
		var plain = mail();
		var withFiles = new OutgoingMail(plain.id(), plain.messageId(), null, plain.keyOwner(), plain.category(),
				plain.template(), plain.content(), java.util.List.of(
						new io.kluis.notifications.MailAttachment("invoice-2026-000001.pdf", "application/pdf",
								"%PDF-1.7".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
						new io.kluis.notifications.MailAttachment("invoice-2026-000001.xml", "application/xml",
								"<Invoice/>".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
		var message = transport.mimeMessage(withFiles);
		message.saveChanges();

		assertThat(message.getContentType()).startsWith("multipart/mixed");
		var mixed = (MimeMultipart) message.getContent();
		assertThat(mixed.getCount()).isEqualTo(3);
		assertThat(((MimeMultipart) mixed.getBodyPart(0).getContent()).getContentType()).startsWith("multipart/alternative");
		assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("invoice-2026-000001.pdf");
		assertThat(mixed.getBodyPart(1).getContentType()).startsWith("application/pdf");
		assertThat(mixed.getBodyPart(1).getDisposition()).isEqualTo(jakarta.mail.Part.ATTACHMENT);
		assertThat(mixed.getBodyPart(2).getFileName()).isEqualTo("invoice-2026-000001.xml");
		assertThat(new String(mixed.getBodyPart(2).getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
			.isEqualTo("<Invoice/>");
		assertThat(withFiles.toString()).contains("attachments=2").doesNotContain("invoice-2026");
	}

	@Test
	void connectionFailuresAreRetriedUnderAStableCode() {
		var e = SmtpMailTransport.classify(new MailSendException("Mail server connection failed",
				new MessagingException("Could not connect", new ConnectException("refused"))));

		assertThat(e.code()).isEqualTo("smtp-connect");
		assertThat(e.permanent()).isFalse();
	}

	@Test
	void authenticationFailuresAreRetried() {
		assertThat(SmtpMailTransport.classify(new MailAuthenticationException("535 bad")).code()).isEqualTo("smtp-auth");
	}

	@Test
	void theServersReplyTextNeverBecomesTheErrorCode() {
		var e = SmtpMailTransport.classify(new MailSendException("x",
				new SendFailedException("550 <anna@example.nl>: Recipient address rejected")));

		assertThat(e.code()).isEqualTo("smtp-refused").doesNotContain("anna");
		assertThat(e.getMessage()).doesNotContain("anna");
	}

	@Test
	void aMailOnItsWayPrintsIdsButNoAddressSubjectOrBody() {
		assertThat(mail().toString()).contains("identity/password-changed")
			.doesNotContain("anna", "Wachtwoord", "tekst", "html", "kluis.example/u/1");
	}

	@Test
	void anInvalidFromAddressStopsTheApplication() {
		assertThatIllegalArgumentException().isThrownBy(() -> SmtpMailTransport.parseFrom("not an address <"));
	}

	static OutgoingMail mail() {
		return new OutgoingMail(MailId.random(), "<x@kluis.example>", null, AccountId.random(), MailCategory.SECURITY,
				"identity/password-changed",
				new RenderedMail("anna@example.nl", "Wachtwoord gewijzigd – Hosting BV", "tekst", "<p>html</p>",
						Map.of("List-Unsubscribe", "<https://kluis.example/u/1>")));
	}
}
