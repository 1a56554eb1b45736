package io.kluis.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kluis.KluisIntegrationTest;
import io.kluis.audit.AuditTrail;
import io.kluis.identity.TestAccounts;
import io.kluis.identity.account.Accounts;
import io.kluis.identity.account.AppPasswords;
import io.kluis.notifications.Notifications;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/** A real customer's data through every holder of the foundation, as the rights engine will call them. */
@KluisIntegrationTest
class ErasureAcrossHoldersIntegrationTests {

	@Autowired
	List<PersonalDataHolder> holders;

	@Autowired
	ProcessingRegister register;

	@Autowired
	ApplicationContext context;

	@Autowired
	Accounts accounts;

	@Autowired
	AppPasswords appPasswords;

	@Autowired
	AuditTrail trail;

	@Autowired
	Notifications notifications;

	@Autowired
	FindByIndexNameSessionRepository<? extends Session> sessionRepository;

	@Autowired
	JdbcClient jdbc;

	@Test
	@DisplayName("RIG-1/RET-5/RET-6: every declared category is exported, then erased with counts; the security log is kept and counted as kept")
	void everyHolderExportsAndErasesARealCustomer() {
		var customer = TestAccounts.in(context).verified();
		appPasswords.create(customer.id(), "Backup script");
		String session = new TestSessions(sessionRepository, jdbc).open(customer.id(), "Firefox on Linux");
		await().atMost(Duration.ofSeconds(30)).until(() -> !trail.aboutSubject(customer.id()).isEmpty());
		var subject = DataSubject.of(customer.id());

		Set<String> exported = holders.stream().flatMap(h -> h.export(subject).stream())
			.map(ExportedCategory::category).collect(Collectors.toSet());
		assertThat(exported).as("every category of the register is in the export")
			.containsAll(register.categories().stream().map(ProcessingRegister.Category::id).toList());

		Map<String, Integer> removed = new HashMap<>();
		Map<String, Integer> kept = new HashMap<>();
		for (var holder : holders) {
			var erased = holder.erase(subject);
			removed.putAll(erased.removed());
			kept.putAll(erased.kept());
		}

		assertThat(accounts.findById(customer.id())).isEmpty();
		assertThat(new TestSessions(sessionRepository, jdbc).exists(session)).isFalse();
		assertThat(notifications.mailsAbout(customer.id())).as("the verification mail is gone").isEmpty();
		assertThat(trail.aboutSubject(customer.id())).as("the pseudonymous security log stays").isNotEmpty();
		assertThat(removed).containsEntry("customer-identity", 1).containsEntry("sessions", 1);
		assertThat(removed.get("sent-mail")).isPositive();
		assertThat(removed.get("credentials")).isGreaterThanOrEqualTo(2);
		assertThat(kept.get("security-log")).isEqualTo(trail.aboutSubject(customer.id()).size());
	}
}
