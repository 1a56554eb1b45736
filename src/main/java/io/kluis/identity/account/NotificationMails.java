package io.kluis.identity.account;

import io.kluis.notifications.Mail;
import io.kluis.notifications.MailCategory;
import io.kluis.notifications.Notifications;
import io.kluis.shared.EmailAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** {@link IdentityMails} through the notifications outbox; templates live in {@code templates/mail/identity/}. */
@Component
class NotificationMails implements IdentityMails {

	private final Notifications notifications;

	private final IdentityProperties properties;

	NotificationMails(Notifications notifications, IdentityProperties properties) {
		this.notifications = notifications;
		this.properties = properties;
	}

	@Override
	public void verifyEmail(Account account, String token, Duration validity) {
		deliver(builder(account, account.email(), "identity/verify-email", MailCategory.TRANSACTIONAL)
			.with("link", notifications.link("/verify?token=" + encode(token)))
			.with("days", CustomerRegistration.days(validity)));
	}

	@Override
	public void alreadyRegistered(Account account) {
		deliver(builder(account, account.email(), "identity/already-registered", MailCategory.SECURITY)
			.with("loginLink", notifications.link("/login"))
			.with("resetLink", notifications.link("/login/forgot")));
	}

	@Override
	public void resetPassword(Account account, String token) {
		deliver(builder(account, account.email(), "identity/reset-password", MailCategory.SECURITY)
			.with("link", notifications.link("/login/reset?token=" + encode(token)))
			.with("minutes", properties.resetLinkValidity().toMinutes()));
	}

	@Override
	public void unlock(Account account, String token) {
		deliver(builder(account, account.email(), "identity/unlock", MailCategory.SECURITY)
			.with("link", notifications.link("/unlock?token=" + encode(token)))
			.with("resetLink", notifications.link("/login/forgot")));
	}

	@Override
	public void confirmNewEmail(Account account, EmailAddress newEmail, String token) {
		deliver(builder(account, newEmail, "identity/confirm-email", MailCategory.SECURITY)
			.with("link", notifications.link("/email/confirm?token=" + encode(token))));
	}

	@Override
	public void emailChanged(Account account, EmailAddress oldEmail) {
		deliver(builder(account, oldEmail, "identity/email-changed", MailCategory.SECURITY));
	}

	@Override
	public void passwordChanged(Account account) {
		deliver(builder(account, account.email(), "identity/password-changed", MailCategory.SECURITY)
			.with("resetLink", notifications.link("/login/forgot")));
	}

	@Override
	public void mfaChanged(Account account, boolean enabled) {
		deliver(builder(account, account.email(), "identity/mfa-changed", MailCategory.SECURITY)
			.with("enabled", enabled)
			.with("securityLink", notifications.link("/panel/security")));
	}

	private Mail.Builder builder(Account account, EmailAddress to, String template, MailCategory category) {
		return Mail.to(to).locale(account.locale()).template(template).subject(account.id()).category(category);
	}

	private void deliver(Mail.Builder builder) {
		notifications.send(builder.build());
	}

	private static String encode(String token) {
		return URLEncoder.encode(token, StandardCharsets.UTF_8);
	}
}
