package io.kluis.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisIntegrationTest;
import io.kluis.shared.AccountId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Someone with write access to the database alters the trail; verification must point at the
 * altered entry. Each test tampers only with entries it just recorded and puts them back, so the
 * shared chain is intact again afterwards (other tests may verify it).
 */
@KluisIntegrationTest
class TamperDetectionIntegrationTests {

	@Autowired
	AuditTrail trail;

	@Autowired
	JdbcClient jdbc;

	AuditEntry first;

	AuditEntry middle;

	AuditEntry last;

	@BeforeEach
	void recordThreeEntries() {
		assertThat(trail.verify().intact()).as("chain intact before tampering").isTrue();
		var subject = AccountId.random();
		first = trail.record("test.tamper.first", null, subject, Map.of("n", "1"));
		middle = trail.record("test.tamper.middle", null, subject, Map.of("n", "2"));
		last = trail.record("test.tamper.last", null, subject, Map.of("n", "3"));
	}

	@AfterEach
	void chainIsIntactAgain() {
		assertThat(trail.verify().intact()).as("chain restored after tampering").isTrue();
	}

	@Test
	void changedDetailsBreakTheChainAtThatEntry() {
		String original = column("details", middle.sequence());
		update("details", "{\"n\":\"7\"}", middle.sequence());

		assertBrokenAt(middle.sequence());
		update("details", original, middle.sequence());
	}

	@Test
	void detailsThatAreNoLongerJsonBreakTheChainAtThatEntry() {
		String original = column("details", middle.sequence());
		update("details", "not json", middle.sequence());

		assertBrokenAt(middle.sequence());
		update("details", original, middle.sequence());
	}

	@Test
	void aChangedCodeBreaksTheChainAtThatEntry() {
		update("code", "test.tamper.harmless", middle.sequence());

		assertBrokenAt(middle.sequence());
		update("code", middle.code(), middle.sequence());
	}

	@Test
	void aChangedActorBreaksTheChainAtThatEntry() {
		jdbc.sql("update audit_entries set actor_id = ? where sequence = ?")
			.params(AccountId.random().value(), middle.sequence())
			.update();

		assertBrokenAt(middle.sequence());
		jdbc.sql("update audit_entries set actor_id = null where sequence = ?").param(middle.sequence()).update();
	}

	@Test
	void aChangedTimeBreaksTheChainAtThatEntry() {
		jdbc.sql("update audit_entries set occurred_at = ? where sequence = ?")
			.params(java.time.OffsetDateTime.ofInstant(middle.occurredAt().minusSeconds(3600), java.time.ZoneOffset.UTC),
					middle.sequence())
			.update();

		assertBrokenAt(middle.sequence());
		jdbc.sql("update audit_entries set occurred_at = ? where sequence = ?")
			.params(java.time.OffsetDateTime.ofInstant(middle.occurredAt(), java.time.ZoneOffset.UTC), middle.sequence())
			.update();
	}

	@Test
	void aRemovedEntryInTheMiddleBreaksTheChainWhereItWas() {
		Map<String, Object> row = jdbc.sql("select * from audit_entries where sequence = ?")
			.param(middle.sequence())
			.query()
			.singleRow();
		jdbc.sql("delete from audit_entries where sequence = ?").param(middle.sequence()).update();

		assertBrokenAt(middle.sequence());
		reinsert(row);
	}

	@Test
	void aRemovedNewestEntryBreaksTheChainAtTheHead() {
		Map<String, Object> row = jdbc.sql("select * from audit_entries where sequence = ?")
			.param(last.sequence())
			.query()
			.singleRow();
		jdbc.sql("delete from audit_entries where sequence = ?").param(last.sequence()).update();

		assertBrokenAt(last.sequence());
		reinsert(row);
	}

	@Test
	void swappedEntriesBreakTheChainAtTheFirstOfThem() {
		swap(first.sequence(), middle.sequence());

		assertBrokenAt(first.sequence());
		swap(first.sequence(), middle.sequence());
	}

	private void assertBrokenAt(long sequence) {
		ChainVerification verification = trail.verify();
		assertThat(verification.intact()).isFalse();
		assertThat(verification.firstBrokenSequence()).isEqualTo(sequence);
	}

	private String column(String column, long sequence) {
		return jdbc.sql("select " + column + " from audit_entries where sequence = ?")
			.param(sequence)
			.query(String.class)
			.single();
	}

	private void update(String column, String value, long sequence) {
		jdbc.sql("update audit_entries set " + column + " = ? where sequence = ?").params(value, sequence).update();
	}

	private void swap(long a, long b) {
		long parked = Long.MAX_VALUE;
		jdbc.sql("update audit_entries set sequence = ? where sequence = ?").params(parked, a).update();
		jdbc.sql("update audit_entries set sequence = ? where sequence = ?").params(a, b).update();
		jdbc.sql("update audit_entries set sequence = ? where sequence = ?").params(b, parked).update();
	}

	private void reinsert(Map<String, Object> row) {
		jdbc.sql("insert into audit_entries (sequence, occurred_at, code, actor_id, subject_id, details, prev_hash, hash) "
				+ "values (:sequence, :occurred_at, :code, :actor_id, :subject_id, :details, :prev_hash, :hash)")
			.params(row)
			.update();
	}
}
