package io.kluis.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisIntegrationTest;
import io.kluis.notifications.Mail;
import io.kluis.notifications.Notifications;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import io.kluis.shared.personaldata.DataSubject;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Notifications' holder of sent mail, beside the outbox. */
@KluisIntegrationTest
class SentMailHolderIntegrationTests {

	@Autowired
	SentMailHolder sentMail;

	@Autowired
	Notifications notifications;

	@Test
	@DisplayName("RIG-1: the sent-mail export shows recipient, subject line, template, time and status")
	void sentMailExportShowsEveryMail() {
		var subject = AccountId.random();
		String to = "holder-" + UUID.randomUUID() + "@example.org";
		notifications.send(mail(to, subject));

		var export = sentMail.export(DataSubject.of(subject));

		assertThat(export).singleElement().satisfies(category -> {
			assertThat(category.category()).isEqualTo("sent-mail");
			assertThat(category.records()).singleElement().satisfies(r -> assertThat(r).containsEntry("to", to)
				.containsEntry("template", "notifications/test")
				.containsKeys("subjectLine", "status", "queuedAt", "sentAt", "failedAt"));
			assertThat((String) category.records().get(0).get("subjectLine")).isNotBlank();
		});
	}

	@Test
	@DisplayName("RIG-3/RET-5: erasure deletes every mail of the subject, with the count")
	void erasureDeletesEveryMailOfTheSubject() {
		var subject = AccountId.random();
		notifications.send(mail("erase-" + UUID.randomUUID() + "@example.org", subject));
		notifications.send(mail("erase-" + UUID.randomUUID() + "@example.org", subject));

		var erased = sentMail.erase(DataSubject.of(subject));

		assertThat(erased.removed().get("sent-mail")).isGreaterThanOrEqualTo(2);
		assertThat(notifications.mailsAbout(subject)).isEmpty();
		assertThat(sentMail.erase(DataSubject.of(subject)).removed()).as("idempotent").containsEntry("sent-mail", 0);
	}

	private static Mail mail(String to, AccountId subject) {
		return Mail.to(EmailAddress.of(to)).locale(Locale.ENGLISH).template("notifications/test").subject(subject).build();
	}
}
