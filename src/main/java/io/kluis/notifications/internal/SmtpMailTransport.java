package io.kluis.notifications.internal;

import io.kluis.notifications.MailAttachment;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends through the SMTP server of {@code spring.mail.*}: {@code multipart/alternative} with a
 * plain-text and an HTML part, UTF-8, the outbox's stable Message-ID and the mail's extra headers.
 * Failures become stable codes; a 5xx refusal of the recipient is permanent, everything else is
 * retried.
 */
class SmtpMailTransport implements MailTransport {

	private final JavaMailSender sender;

	private final InternetAddress from;

	private final Clock clock;

	SmtpMailTransport(JavaMailSender sender, InternetAddress from, Clock clock) {
		this.sender = sender;
		this.from = from;
		this.clock = clock;
	}

	/** Parses {@code kluis.notifications.from} once at startup, so a typo stops the application. */
	static InternetAddress parseFrom(String from) {
		try {
			var address = new InternetAddress(from, true);
			address.validate();
			return address;
		}
		catch (AddressException e) {
			throw new IllegalArgumentException("kluis.notifications.from is not a valid address like 'Kluis <no-reply@example.org>'");
		}
	}

	@Override
	public void deliver(OutgoingMail mail) {
		MimeMessage message;
		try {
			message = mimeMessage(mail);
		}
		catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
			throw new MailDeliveryException("mail-prepare", true);
		}
		try {
			sender.send(message);
		}
		catch (MailException e) {
			throw classify(e);
		}
	}

	MimeMessage mimeMessage(OutgoingMail mail) throws MessagingException, UnsupportedEncodingException {
		RenderedMail content = mail.content();
		MimeMessage message = sender.createMimeMessage();
		message.setFrom(from);
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(content.recipient(), true));
		message.setSubject(content.subjectLine(), StandardCharsets.UTF_8.name());
		message.setSentDate(Date.from(clock.instant()));
		for (Map.Entry<String, String> header : content.headers().entrySet()) {
			message.setHeader(header.getKey(), MimeUtility.fold(header.getKey().length() + 2,
					MimeUtility.encodeText(header.getValue(), StandardCharsets.UTF_8.name(), null)));
		}
		var text = new MimeBodyPart();
		text.setText(content.text(), StandardCharsets.UTF_8.name(), "plain");
		var html = new MimeBodyPart();
		html.setText(content.html(), StandardCharsets.UTF_8.name(), "html");
		var alternative = new MimeMultipart("alternative");
		alternative.addBodyPart(text);
		alternative.addBodyPart(html);
		if (mail.attachments().isEmpty()) {
			message.setContent(alternative);
		}
		else {
			// multipart/mixed: the two alternatives first, then each file.
			var mixed = new MimeMultipart("mixed");
			var body = new MimeBodyPart();
			body.setContent(alternative);
			mixed.addBodyPart(body);
			for (MailAttachment attachment : mail.attachments()) {
				var file = new MimeBodyPart();
				file.setDataHandler(new jakarta.activation.DataHandler(
						new jakarta.mail.util.ByteArrayDataSource(attachment.content(), attachment.contentType())));
				file.setFileName(attachment.filename());
				file.setDisposition(jakarta.mail.Part.ATTACHMENT);
				mixed.addBodyPart(file);
			}
			message.setContent(mixed);
		}
		// Spring's sender keeps an explicit Message-ID through saveChanges().
		message.setHeader("Message-ID", mail.messageId());
		return message;
	}

	static MailDeliveryException classify(MailException e) {
		if (e instanceof MailAuthenticationException) {
			return new MailDeliveryException("smtp-auth", false);
		}
		if (e instanceof MailSendException send) {
			for (Exception cause : send.getMessageExceptions()) {
				var specific = classifyCause(cause);
				if (specific != null) {
					return specific;
				}
			}
		}
		var specific = classifyCause(e.getCause());
		return specific != null ? specific : new MailDeliveryException("smtp-send", false);
	}

	/**
	 * Connection problems and SMTP refusals are retried, except a 5xx refusal of the recipient
	 * itself (unknown mailbox): retrying that only hurts the sender's reputation.
	 */
	private static @Nullable MailDeliveryException classifyCause(@Nullable Throwable cause) {
		boolean refused = false;
		for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof ConnectException || t instanceof UnknownHostException) {
				return new MailDeliveryException("smtp-connect", false);
			}
			if (t instanceof SocketTimeoutException) {
				return new MailDeliveryException("smtp-timeout", false);
			}
			int code = smtpReturnCode(t);
			if (code > 0) {
				boolean recipient = t.getClass().getSimpleName().equals("SMTPAddressFailedException");
				return recipient && code >= 500 ? new MailDeliveryException("smtp-recipient-" + code, true)
						: new MailDeliveryException("smtp-refused-" + code, false);
			}
			refused |= t instanceof SendFailedException;
		}
		return refused ? new MailDeliveryException("smtp-refused", false) : null;
	}

	/** The SMTP reply code of Angus Mail's SMTP*FailedException (runtime-only dependency), or 0. */
	private static int smtpReturnCode(Throwable t) {
		try {
			Object code = t.getClass().getMethod("getReturnCode").invoke(t);
			return code instanceof Integer i ? i : 0;
		}
		catch (ReflectiveOperationException e) {
			return 0;
		}
	}
}
