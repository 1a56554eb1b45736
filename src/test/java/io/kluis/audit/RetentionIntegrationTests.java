package io.kluis.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import io.kluis.KluisIntegrationTest;
import io.kluis.shared.AccountId;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Retention removes the oldest part of the chain. On PostgreSQL the database is shared by every test
 * context, so these tests remove whatever older entries other tests left; they assert only on their own.
 */
@KluisIntegrationTest
class RetentionIntegrationTests {

	@Autowired
	AuditTrail trail;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Test
	void deletingBeforeACutoffRemovesTheOldestEntriesAndTheRestStillVerifies() {
		var subject = AccountId.random();
		var old = trail.record("test.retention.old", null, subject, Map.of());
		var older = trail.record("test.retention.older", null, subject, Map.of());
		var kept = recordedLaterThan(older, subject);

		int deleted = trail.deleteBefore(kept.occurredAt());

		assertThat(deleted).isGreaterThanOrEqualTo(2);
		assertThat(trail.aboutSubject(subject)).containsExactly(kept);
		assertThat(trail.recent(AuditQuery.latest().withCodePrefix("audit.retention.pruned")).get(0).details())
			.containsEntry("throughSequence", Long.toString(kept.sequence() - 1))
			.containsEntry("deleted", Integer.toString(deleted));
		ChainVerification verification = trail.verify();
		assertThat(verification.intact()).isTrue();
		assertThat(old.sequence()).isLessThan(kept.sequence());
		assertThat(trail.record("test.retention.after", null, subject, Map.of()).sequence())
			.isGreaterThan(kept.sequence());
		assertThat(trail.verify().intact()).isTrue();
	}

	@Test
	void deletingBeforeACutoffWithNothingOlderRemovesNothing() {
		assertThat(trail.deleteBefore(java.time.Instant.EPOCH)).isZero();
		assertThat(trail.verify().intact()).isTrue();
	}

	@Test
	void aBrokenChainIsNeverPrunedBecauseThatWouldHideTheEvidence() {
		var subject = AccountId.random();
		var tampered = trail.record("test.retention.tampered", null, subject, Map.of());
		var kept = recordedLaterThan(tampered, subject);
		jdbc.sql("update audit_entries set code = 'test.retention.innocent' where sequence = ?")
			.param(tampered.sequence())
			.update();
		try {
			assertThatIllegalStateException().isThrownBy(() -> trail.deleteBefore(kept.occurredAt()))
				.withMessageContaining(Long.toString(tampered.sequence()));
			assertThat(trail.aboutSubject(subject)).hasSize(2);
		}
		finally {
			jdbc.sql("update audit_entries set code = ? where sequence = ?")
				.params(tampered.code(), tampered.sequence())
				.update();
		}
		assertThat(trail.verify().intact()).isTrue();
	}

	/** Records an entry whose time is strictly later than the given one (the clock has microsecond steps). */
	private AuditEntry recordedLaterThan(AuditEntry earlier, AccountId subject) {
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(1))
			.until(() -> clock.instant().truncatedTo(ChronoUnit.MICROS).isAfter(earlier.occurredAt()));
		return trail.record("test.retention.kept", null, subject, Map.of());
	}
}
