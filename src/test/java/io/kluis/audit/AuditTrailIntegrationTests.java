package io.kluis.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import io.kluis.KluisIntegrationTest;
import io.kluis.shared.AccountId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@KluisIntegrationTest
class AuditTrailIntegrationTests {

	static final Duration PATIENCE = Duration.ofSeconds(15);

	@Autowired
	AuditTrail trail;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	org.springframework.modulith.events.core.EventPublicationRepository incomplete;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anAuditableEventPublishedInACommittedTransactionIsRecordedOnceWithItsCodeActorAndSubject() {
		var subject = AccountId.random();
		var actor = AccountId.random();
		var event = SomethingAudited.of("test.something.happened", subject, actor);

		transactions.executeWithoutResult(status -> events.publishEvent(event));

		// Completed publications are deleted (completion-mode: delete): wait until the listener has
		// recorded the entry and no publication of the event is still outstanding.
		await().atMost(PATIENCE).until(() -> !trail.aboutSubject(subject).isEmpty()
				&& incomplete.findIncompletePublications().stream().noneMatch(p -> event.equals(p.getEvent())));
		List<AuditEntry> entries = trail.aboutSubject(subject);
		assertThat(entries).singleElement().satisfies(entry -> {
			assertThat(entry.code()).isEqualTo("test.something.happened");
			assertThat(entry.subject()).isEqualTo(subject);
			assertThat(entry.actor()).isEqualTo(actor);
			assertThat(entry.details()).containsExactlyEntriesOf(Map.of("reason", "test"));
		});
	}

	@Test
	void anAuditableEventPublishedInARolledBackTransactionIsNotRecorded() {
		var subject = AccountId.random();

		transactions.executeWithoutResult(status -> {
			events.publishEvent(SomethingAudited.of("test.rolled.back", subject, subject));
			status.setRollbackOnly();
		});
		// A later event for the same subject that does commit: once it is recorded, the
		// rolled-back one would have been too.
		transactions.executeWithoutResult(
				status -> events.publishEvent(SomethingAudited.of("test.committed", subject, subject)));

		await().atMost(PATIENCE).until(() -> !trail.aboutSubject(subject).isEmpty());
		assertThat(trail.aboutSubject(subject)).extracting(AuditEntry::code).containsExactly("test.committed");
	}

	@Test
	void anEventCarryingPersonalDataIsRecordedWithItsDetailsRedacted() {
		var subject = AccountId.random();
		var event = new SomethingAudited("test.leaky.event", subject, null, Map.of("email", "jan@example.nl"));

		transactions.executeWithoutResult(status -> events.publishEvent(event));

		await().atMost(PATIENCE).until(() -> !trail.aboutSubject(subject).isEmpty());
		assertThat(trail.aboutSubject(subject)).singleElement().satisfies(entry -> {
			assertThat(entry.code()).isEqualTo("test.leaky.event");
			assertThat(entry.details()).containsExactlyEntriesOf(Map.of("redacted", "true"));
		});
	}

	@Test
	void aSynchronousRecordJoinsTheCallersTransactionAndRollsBackWithIt() {
		var subject = AccountId.random();
		var staff = AccountId.random();

		transactions.executeWithoutResult(status -> {
			trail.record("test.customer-data.read", staff, subject, Map.of());
			assertThat(trail.aboutSubject(subject)).hasSize(1);
			status.setRollbackOnly();
		});

		assertThat(trail.aboutSubject(subject)).isEmpty();
		assertThat(trail.verify().intact()).isTrue();
	}

	@Test
	void recordingRefusesPersonalDataWithoutRepeatingItAndRecordsNothing() {
		var subject = AccountId.random();

		assertThatIllegalArgumentException()
			.isThrownBy(() -> trail.record("test.leak", null, subject, Map.of("ip", "192.168.10.20")))
			.withMessageNotContaining("192.168.10.20");
		assertThat(trail.aboutSubject(subject)).isEmpty();
	}

	@Test
	void concurrentAppendsFromSeveralThreadsKeepTheChainLinearWithoutGaps() throws Exception {
		int threads = 8;
		int perThread = 25;
		var subject = AccountId.random();
		var pool = Executors.newFixedThreadPool(threads);
		try {
			List<Callable<List<Long>>> work = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				var actor = AccountId.random();
				work.add(() -> {
					List<Long> sequences = new ArrayList<>();
					for (int i = 0; i < perThread; i++) {
						sequences.add(trail.record("test.concurrent.append", actor, subject, Map.of("i", "" + i)).sequence());
					}
					return sequences;
				});
			}
			List<Long> sequences = new ArrayList<>();
			for (Future<List<Long>> done : pool.invokeAll(work)) {
				sequences.addAll(done.get());
			}

			assertThat(sequences).hasSize(threads * perThread).doesNotHaveDuplicates();
			long first = sequences.stream().min(Long::compare).orElseThrow();
			long last = sequences.stream().max(Long::compare).orElseThrow();
			long stored = jdbc.sql("select count(*) from audit_entries where sequence between ? and ?")
				.params(first, last)
				.query(Long.class)
				.single();
			assertThat(stored).isEqualTo(last - first + 1);
			assertThat(trail.aboutSubject(subject)).hasSize(threads * perThread);
			ChainVerification verification = trail.verify();
			assertThat(verification.intact()).isTrue();
			assertThat(verification.firstBrokenSequence()).isNull();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void searchFiltersBySubjectActorCodePrefixAndTimeNewestFirst() {
		var subject = AccountId.random();
		var staff = AccountId.random();
		var login = trail.record("test.login.succeeded", subject, subject, Map.of());
		var read = trail.record("test.customer-data.read", staff, subject, Map.of("field", "address"));
		var logout = trail.record("test.login.ended", subject, subject, Map.of());

		var aboutSubject = AuditQuery.latest().aboutSubject(subject);
		assertThat(trail.recent(aboutSubject)).containsExactly(logout, read, login);
		assertThat(trail.recent(aboutSubject.withCodePrefix("test.login."))).containsExactly(logout, login);
		assertThat(trail.recent(aboutSubject.withCodePrefix("test.login_"))).isEmpty();
		assertThat(trail.recent(AuditQuery.latest().causedBy(staff))).containsExactly(read);
		assertThat(trail.recent(aboutSubject.between(login.occurredAt(), logout.occurredAt().plusNanos(1000))))
			.containsExactly(logout, read, login);
		assertThat(trail.recent(aboutSubject.between(null, login.occurredAt()))).isEmpty();
		assertThat(trail.recent(aboutSubject.page(1, 2))).containsExactly(login);
		assertThat(trail.aboutSubject(staff)).containsExactly(read);
	}
}
