package io.kluis.audit.internal;

import io.kluis.audit.AuditEntry;
import io.kluis.audit.AuditQuery;
import io.kluis.audit.AuditTrail;
import io.kluis.audit.ChainVerification;
import io.kluis.shared.AccountId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit trail on a hash chain in the database. An append locks the head row, so the chain stays
 * linear however many threads and nodes append; the lock is held until the appending transaction
 * commits, which is the price of recording a staff read in the same transaction as the read.
 */
@Service
class ChainedAuditTrail implements AuditTrail {

	private static final Logger log = LoggerFactory.getLogger(ChainedAuditTrail.class);

	private final AuditEntries entries;

	private final ChainVerifier verifier;

	private final ChainAnchors anchors;

	private final Clock clock;

	ChainedAuditTrail(AuditEntries entries, ChainVerifier verifier, ChainAnchors anchors, Clock clock) {
		this.entries = entries;
		this.verifier = verifier;
		this.anchors = anchors;
		this.clock = clock;
	}

	@Override
	@Transactional(propagation = Propagation.REQUIRED)
	public AuditEntry record(String code, @Nullable AccountId actor, @Nullable AccountId subject,
			Map<String, String> details) {
		PersonalDataGuard.check(code, details);
		var sorted = new TreeMap<>(details);
		// Microseconds: what PostgreSQL and H2 store, so the hash recomputed from the row matches.
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		AuditEntries.Position head = entries.lockHead();
		long sequence = head.sequence() + 1;
		UUID actorId = actor == null ? null : actor.value();
		UUID subjectId = subject == null ? null : subject.value();
		String hash = ChainHash.of(sequence, now, code, actorId, subjectId, sorted, head.hash());
		entries.append(new AuditEntries.Link(sequence, now, code, actorId, subjectId, AuditEntries.toJson(sorted),
				head.hash(), hash));
		anchors.appended(sequence, hash);
		return new AuditEntry(sequence, now, code, actor, subject, sorted, hash);
	}

	@Override
	@Transactional(readOnly = true)
	public List<AuditEntry> recent(AuditQuery query) {
		return entries.search(query);
	}

	@Override
	@Transactional(readOnly = true)
	public List<AuditEntry> aboutSubject(AccountId account) {
		return entries.involving(account);
	}

	/** Repeatable read: the head, the checkpoint and every page of entries come from one snapshot. */
	@Override
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public ChainVerification verify() {
		ChainVerification result = verifier.verifyAll();
		if (result.intact()) {
			log.info("event=audit.verified intact=true checked={} hash={}", result.entriesChecked(), result.headHash());
		}
		else {
			log.warn("event=audit.verified intact=false checked={} brokenSeq={} hash={}", result.entriesChecked(),
					result.firstBrokenSequence(), result.headHash());
		}
		return result;
	}

	@Override
	@Transactional(readOnly = true)
	public int countBefore(Instant cutoff) {
		long through = entries.firstSequenceAtOrAfter(cutoff).map(first -> first - 1).orElse(entries.head().sequence());
		return (int) entries.countThrough(entries.base().sequence(), through);
	}

	@Override
	@Transactional
	public int deleteBefore(Instant cutoff) {
		AuditEntries.Position head = entries.lockHead();
		long through = entries.firstSequenceAtOrAfter(cutoff).map(first -> first - 1).orElse(head.sequence());
		AuditEntries.Position base = entries.base();
		if (through <= base.sequence()) {
			return 0;
		}
		String throughHash = entries.find(through).map(AuditEntries.Link::hash)
			.orElseThrow(() -> new IllegalStateException("audit chain broken: entry " + through + " is missing"));
		ChainVerification prefix = verifier.verifyThrough(through, throughHash);
		if (!prefix.intact()) {
			throw new IllegalStateException("audit chain broken at sequence " + prefix.firstBrokenSequence()
					+ "; refusing to delete the evidence");
		}
		int deleted = entries.deleteThrough(through, throughHash, clock.instant());
		anchors.checkpointed(through, throughHash, deleted);
		record("audit.retention.pruned", null, null,
				Map.of("throughSequence", Long.toString(through), "deleted", Integer.toString(deleted)));
		return deleted;
	}
}
