package io.kluis.privacy.requests;

import io.kluis.notifications.Mail;
import io.kluis.notifications.Notifications;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.shared.EmailAddress;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The mails of this package: to the requester (in the language of the form, without an account
 * subject, since the requester may have none and an erasure must not make the answer unsendable),
 * and to the privacy contact of the register. Mails to the officer carry the request's reference and
 * a link to the queue, never the requester's address or texts.
 */
@Component
class RequestMails {

	private final Notifications notifications;

	private final ProcessingRegister register;

	private final RequestsProperties properties;

	RequestMails(Notifications notifications, ProcessingRegister register, RequestsProperties properties) {
		this.notifications = notifications;
		this.register = register;
		this.properties = properties;
	}

	void toRequester(DataSubjectRequest request, EmailAddress to, String template, Map<String, Object> model) {
		notifications.send(Mail.to(to)
			.locale(request.locale())
			.template("privacy/" + template)
			.subject(null)
			.with("reference", request.id().reference())
			.with("kind", request.kind())
			.model(model)
			.build());
	}

	void toOfficer(DataSubjectRequest request, String template, Map<String, Object> model) {
		notifications.send(Mail.to(EmailAddress.of(register.provider().privacyContact()))
			.locale(properties.officerLocale())
			.template("privacy/" + template)
			.subject(null)
			.with("reference", request.id().reference())
			.with("kind", request.kind())
			.with("requestLink", notifications.link("/admin/privacy/requests/" + request.id()))
			.model(model)
			.build());
	}

	String link(String pathAndQuery) {
		return notifications.link(pathAndQuery);
	}

	LocalDate date(java.time.Instant instant) {
		return instant.atZone(properties.zone()).toLocalDate();
	}
}
