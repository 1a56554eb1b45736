package io.kluis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kluis.KluisIntegrationTest;
import io.kluis.Mailbox;
import io.kluis.WithMailbox;
import io.kluis.audit.AuditTrail;
import io.kluis.identity.account.Accounts;
import io.kluis.identity.account.PersonalDataManagement;
import io.kluis.shared.EmailAddress;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

@KluisIntegrationTest
class RectificationIntegrationTests extends WithMailbox {

	@Autowired
	ApplicationContext context;

	@Autowired
	Accounts accounts;

	@Autowired
	PersonalDataManagement personalData;

	@Autowired
	AuditTrail audit;

	TestAccounts fixtures;

	@BeforeEach
	void fixtures() {
		fixtures = TestAccounts.in(context);
	}

	@Test
	@DisplayName("RIG-2: a customer corrects their personal data; the change is stored and audit-logged by field name")
	void correctionsAreStoredAndAudited() {
		var customer = fixtures.verified();

		var changed = personalData.correct(customer.id(), new PersonalDataManagement.PersonalDataChange(null, "Jansen-Bakker",
				"Nieuwe Gracht 12", "3512 LT", null, null, null, "+31 6 12345678", null, null), customer.id());

		assertThat(changed).containsExactlyInAnyOrder("lastName", "street", "postalCode", "phone");
		var personal = accounts.findById(customer.id()).orElseThrow().personal();
		assertThat(personal.lastName()).isEqualTo("Jansen-Bakker");
		assertThat(personal.phone()).isEqualTo("+31 6 12345678");
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(audit.aboutSubject(customer.id()))
			.anySatisfy(entry -> {
				assertThat(entry.code()).isEqualTo("identity.personal-data.corrected");
				assertThat(entry.details()).containsEntry("fields", "lastName,street,postalCode,phone");
			}));
	}

	@Test
	@DisplayName("RIG-2: a new email address becomes the login name only after the link mailed to it is used")
	void emailChangesAreReverified() {
		var customer = fixtures.verified();
		String newEmail = TestAccounts.uniqueEmail("rectified");

		personalData.requestEmailChange(customer.id(), newEmail);
		assertThat(accounts.findById(customer.id()).orElseThrow().email()).isEqualTo(EmailAddress.of(customer.email()));

		var mail = Mailbox.awaitMail(newEmail, 1);
		assertThat(personalData.confirmEmailChange(Mailbox.token(mail, "/email/confirm"))).isTrue();
		assertThat(accounts.findById(customer.id()).orElseThrow().email()).isEqualTo(EmailAddress.of(newEmail));
		assertThat(Mailbox.awaitMails(customer.email(), 2)).as("the old address is told").isNotEmpty();
	}
}
