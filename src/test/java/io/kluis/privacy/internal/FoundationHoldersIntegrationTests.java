package io.kluis.privacy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisIntegrationTest;
import io.kluis.audit.AuditTrail;
import io.kluis.notifications.Mail;
import io.kluis.notifications.Notifications;
import io.kluis.privacy.spi.DataSubject;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The holders privacy keeps for audit's and notifications' data. */
@KluisIntegrationTest
class FoundationHoldersIntegrationTests {

	@Autowired
	SecurityLogHolder securityLog;

	@Autowired
	SentMailHolder sentMail;

	@Autowired
	AuditTrail trail;

	@Autowired
	Notifications notifications;

	@Test
	@DisplayName("RIG-1: the security-log export lists the entries about the subject and those they caused")
	void securityLogExportListsEntriesAboutAndByTheSubject() {
		var subject = AccountId.random();
		trail.record("test.holder.about", null, subject, Map.of("reason", "test"));
		trail.record("test.holder.caused", subject, AccountId.random(), Map.of());

		var export = securityLog.export(DataSubject.of(subject));

		assertThat(export).singleElement().satisfies(category -> {
			assertThat(category.category()).isEqualTo("security-log");
			assertThat(category.records()).hasSize(2);
			assertThat(category.records().get(0)).containsEntry("code", "test.holder.about")
				.containsEntry("role", "subject")
				.containsEntry("details", "reason=test")
				.containsKeys("occurredAt", "sequence");
			assertThat(category.records().get(1)).containsEntry("code", "test.holder.caused").containsEntry("role", "actor");
		});
	}

	@Test
	@DisplayName("RET-5/RET-6: erasure keeps the pseudonymous security log and counts it as kept")
	void erasureKeepsTheSecurityLogAndCountsItAsKept() {
		var subject = AccountId.random();
		trail.record("test.holder.about", null, subject, Map.of());
		trail.record("test.holder.about", null, subject, Map.of());

		var erased = securityLog.erase(DataSubject.of(subject));

		assertThat(erased.removed()).isEmpty();
		assertThat(erased.kept()).containsExactly(Map.entry("security-log", 2));
		assertThat(trail.aboutSubject(subject)).hasSize(2);
		assertThat(securityLog.keptOnErasure()).as("the closure page says so beforehand").containsExactly("security-log");
	}

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
