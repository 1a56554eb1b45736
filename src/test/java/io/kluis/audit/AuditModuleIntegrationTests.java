package io.kluis.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.kluis.KluisModuleTest;
import io.kluis.ModuleBeans;
import io.kluis.MutableClock;
import io.kluis.TestClock;
import io.kluis.TestDatabase;
import io.kluis.shared.AccountId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.TestPropertySource;

/**
 * The audit module alone (standalone: it needs no other module's beans, only a clock): entries
 * appended through its API form a hash chain that verifies, tampering with a stored entry is found
 * at that entry, other modules' {@code Auditable} events are recorded after their commit, and
 * retention prunes a verified prefix. On PostgreSQL a schema of its own, so the chain is this
 * context's alone and the tampering cannot disturb another context's verification.
 */
@ApplicationModuleTest
@KluisModuleTest
@Import(TestClock.class)
@TestPropertySource(properties = TestDatabase.OWN_SCHEMA + "=true")
class AuditModuleIntegrationTests {

	final AuditTrail trail;

	final JdbcClient jdbc;

	final MutableClock clock;

	final ConfigurableApplicationContext context;

	AuditModuleIntegrationTests(AuditTrail trail, JdbcClient jdbc, MutableClock clock,
			ConfigurableApplicationContext context) {
		this.trail = trail;
		this.jdbc = jdbc;
		this.clock = clock;
		this.context = context;
	}

	@Test
	void bootsOnlyTheAuditModule() {
		assertThat(ModuleBeans.modulesOf(context)).containsExactly("audit");
		assertThat(context.getEnvironment().getProperty(TestDatabase.OWN_SCHEMA)).isEqualTo("true");
		assertThat(context.getEnvironment().getProperty("kluis.jobs.enabled")).isEqualTo("false");
	}

	@Test
	void appendedEntriesFormAnUnbrokenChainUpToTheNewestEntry() {
		var subject = AccountId.random();
		var staff = AccountId.random();

		var first = trail.record("test.module.first", null, subject, Map.of("n", "1"));
		var second = trail.record("test.module.second", staff, subject, Map.of("n", "2", "reason", "support"));
		var third = trail.record("test.module.third", subject, subject, Map.of());

		assertThat(List.of(second.sequence(), third.sequence()))
			.containsExactly(first.sequence() + 1, first.sequence() + 2);
		assertThat(List.of(first.hash(), second.hash(), third.hash())).doesNotHaveDuplicates()
			.allMatch(hash -> hash.matches("[0-9a-f]{64}"));
		assertThat(trail.aboutSubject(subject)).containsExactly(first, second, third);
		assertThat(trail.recent(AuditQuery.latest().causedBy(staff))).containsExactly(second);
		var verification = trail.verify();
		assertThat(verification.intact()).isTrue();
		assertThat(verification.firstBrokenSequence()).isNull();
		assertThat(verification.entriesChecked()).isGreaterThanOrEqualTo(3);
		assertThat(verification.headHash()).isEqualTo(trail.recent(AuditQuery.latest()).get(0).hash());
	}

	@Test
	void anEntryAlteredInTheDatabaseIsFoundAtThatEntry() {
		var subject = AccountId.random();
		trail.record("test.module.before", null, subject, Map.of("n", "1"));
		var altered = trail.record("test.module.altered", null, subject, Map.of("n", "2"));
		trail.record("test.module.after", null, subject, Map.of("n", "3"));
		String original = jdbc.sql("select details from audit_entries where sequence = ?").param(altered.sequence())
			.query(String.class).single();

		jdbc.sql("update audit_entries set details = ? where sequence = ?").params("{\"n\":\"7\"}", altered.sequence())
			.update();
		try {
			var verification = trail.verify();
			assertThat(verification.intact()).isFalse();
			assertThat(verification.firstBrokenSequence()).isEqualTo(altered.sequence());
		}
		finally {
			jdbc.sql("update audit_entries set details = ? where sequence = ?").params(original, altered.sequence())
				.update();
		}
		assertThat(trail.verify().intact()).as("intact again once restored").isTrue();
	}

	@Test
	void anEntryRemovedFromTheDatabaseIsFoundWhereItWas() {
		var subject = AccountId.random();
		trail.record("test.module.before", null, subject, Map.of());
		var removed = trail.record("test.module.removed", null, subject, Map.of());
		trail.record("test.module.after", null, subject, Map.of());
		Map<String, Object> row = jdbc.sql("select * from audit_entries where sequence = ?").param(removed.sequence())
			.query().singleRow();

		jdbc.sql("delete from audit_entries where sequence = ?").param(removed.sequence()).update();
		try {
			assertThat(trail.verify().firstBrokenSequence()).isEqualTo(removed.sequence());
		}
		finally {
			jdbc.sql("insert into audit_entries (sequence, occurred_at, code, actor_id, subject_id, details, prev_hash, "
					+ "hash) values (:sequence, :occurred_at, :code, :actor_id, :subject_id, :details, :prev_hash, :hash)")
				.params(row)
				.update();
		}
		assertThat(trail.verify().intact()).isTrue();
	}

	@Test
	void personalDataIsRefusedWithoutBeingRepeated() {
		var subject = AccountId.random();

		assertThatIllegalArgumentException()
			.isThrownBy(() -> trail.record("test.module.mail", null, subject, Map.of("to", "jan@example.nl")))
			.withMessageNotContaining("jan@example.nl");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> trail.record("test.module.login", null, subject, Map.of("ip", "192.0.2.44")))
			.withMessageNotContaining("192.0.2.44");
		assertThat(trail.aboutSubject(subject)).isEmpty();
	}

	@Test
	void anAuditableEventOfAnotherModuleIsRecordedAfterItsTransactionCommits(Scenario scenario) {
		var subject = AccountId.random();
		var actor = AccountId.random();

		scenario.publish(SomethingAudited.of("test.module.happened", subject, actor))
			.andWaitForStateChange(() -> trail.aboutSubject(subject))
			.andVerify(entries -> assertThat(entries).singleElement().satisfies(entry -> {
				assertThat(entry.code()).isEqualTo("test.module.happened");
				assertThat(entry.actor()).isEqualTo(actor);
				assertThat(entry.details()).containsExactlyEntriesOf(Map.of("reason", "test"));
			}));
	}

	@Test
	void anAuditableEventOfARolledBackTransactionIsNotRecorded(Scenario scenario) {
		var rolledBack = AccountId.random();
		var committed = AccountId.random();

		scenario.stimulate((transactions, events) -> {
			transactions.executeWithoutResult(tx -> {
				events.publishEvent(SomethingAudited.of("test.module.undone", rolledBack, rolledBack));
				tx.setRollbackOnly();
			});
			transactions.executeWithoutResult(tx -> events
				.publishEvent(SomethingAudited.of("test.module.done", committed, committed)));
		}).andWaitForStateChange(() -> trail.aboutSubject(committed)).andVerify(entries -> {
			assertThat(entries).extracting(AuditEntry::code).containsExactly("test.module.done");
			assertThat(trail.aboutSubject(rolledBack)).isEmpty();
		});
	}

	@Test
	void retentionRemovesTheVerifiedPrefixAndTheChainStillVerifiesFromItsCheckpoint() {
		var old = AccountId.random();
		var recent = AccountId.random();
		trail.record("test.module.old", null, old, Map.of());
		trail.record("test.module.old", null, old, Map.of());
		clock.advance(Duration.ofDays(2));
		var kept = trail.record("test.module.recent", null, recent, Map.of());
		int before = trail.countBefore(clock.instant().minus(Duration.ofDays(1)));

		int deleted = trail.deleteBefore(clock.instant().minus(Duration.ofDays(1)));

		assertThat(deleted).isEqualTo(before).isGreaterThanOrEqualTo(2);
		assertThat(trail.aboutSubject(old)).isEmpty();
		assertThat(trail.aboutSubject(recent)).containsExactly(kept);
		assertThat(trail.recent(AuditQuery.latest()).get(0).code()).isEqualTo("audit.retention.pruned");
		assertThat(trail.verify().intact()).isTrue();
		assertThat(trail.countBefore(clock.instant().minus(Duration.ofDays(1)))).isZero();
	}
}
