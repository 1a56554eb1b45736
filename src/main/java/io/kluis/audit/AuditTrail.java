package io.kluis.audit;

import io.kluis.shared.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The audit trail: an append-only chain of entries in which each entry's hash covers the previous
 * one, so altering, removing or reordering an entry breaks the chain at that point.
 *
 * <p>Most modules never call this: every event implementing {@link io.kluis.shared.Auditable} is
 * recorded after its transaction commits, through the persistent event publication registry (so a
 * crash between commit and recording loses nothing). Call {@link #record} directly only when the
 * entry must be part of the caller's own transaction, e.g. a staff member reading a customer's
 * personal data: if the read's transaction rolls back the entry goes with it, and if the entry cannot
 * be written the read fails.
 */
public interface AuditTrail {

	/**
	 * Appends an entry in the caller's transaction (or a new one when there is none). Appends are
	 * serialised across threads and cluster nodes by a row lock on the chain head, held until the
	 * caller's transaction ends, so keep that transaction short.
	 *
	 * @param code stable event code: dotted lower-case words, e.g. {@code identity.customer-data.read}
	 * @param details non-personal details (reason codes, counts, ids)
	 * @throws IllegalArgumentException when the code is malformed or a detail looks like personal
	 *         data (an email or IP address); the message never repeats the value
	 */
	AuditEntry record(String code, @Nullable AccountId actor, @Nullable AccountId subject,
			Map<String, String> details);

	/** A page of entries matching the query, newest first. */
	List<AuditEntry> recent(AuditQuery query);

	/**
	 * Every remaining entry in which the account is the subject or the actor, oldest first: what a
	 * data-subject access request (Art. 15 GDPR) returns from this module. A person's own actions are
	 * personal data about them too, which is why entries they caused are included.
	 */
	List<AuditEntry> aboutSubject(AccountId account);

	/**
	 * Walks the whole chain from its base to its head and recomputes every hash. Logs the outcome
	 * with the head hash ({@code event=audit.verified}).
	 */
	ChainVerification verify();

	/**
	 * Retention: removes the oldest entries that occurred before the cutoff, as one unbroken prefix of
	 * the chain (it stops at the first entry at or after the cutoff, so an entry recorded out of clock
	 * order keeps its later neighbours). Before deleting, the part to be deleted is verified (a broken
	 * chain is never pruned, which would hide the evidence) and the hash of the last removed entry is
	 * stored as a checkpoint from which {@link #verify()} starts from then on. The pruning itself is
	 * recorded as {@code audit.retention.pruned} and the checkpoint is logged
	 * ({@code event=audit.checkpoint}), so it can be compared with the shipped anchors.
	 *
	 * @return the number of entries removed
	 * @throws IllegalStateException when the chain is broken in the part that would be removed
	 */
	int deleteBefore(Instant cutoff);

	/**
	 * Dry run of {@link #deleteBefore}: how many entries it would remove now (the unbroken prefix of
	 * the chain before the cutoff that is not yet pruned). Changes nothing.
	 */
	int countBefore(Instant cutoff);
}
