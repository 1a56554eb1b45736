package io.kluis.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisIntegrationTest;
import io.kluis.audit.AuditTrail;
import io.kluis.shared.AccountId;
import io.kluis.shared.personaldata.DataSubject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Audit's holder of the security log, beside the audit trail. */
@KluisIntegrationTest
class SecurityLogHolderIntegrationTests {

	@Autowired
	SecurityLogHolder securityLog;

	@Autowired
	AuditTrail trail;

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
}
