package io.kluis.privacy;

import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The consent ledger as other modules use it: the append-only proof of every consent given and
 * withdrawn, with the policy version in force at that moment (CON-1). A consuming module (the
 * newsletter) records a proof for each step under a subject key of its own (a subscription id);
 * the ledger keeps, exports, erases and expires the proofs by the register's {@code consent-records}
 * rules. Email and IP address are stored sealed under the subject key's data key.
 */
public interface ConsentProofs {

	/** The purpose of newsletter proofs, as stored and as the register's purpose id. */
	String NEWSLETTER = "newsletter";

	/** Appends a proof, in the caller's transaction, under the policy version in force now. */
	void record(UUID subjectKey, @Nullable AccountId account, @Nullable EmailAddress email, String purpose,
			ConsentAction action, ConsentSource source, @Nullable String ip);

	/** Every proof under the subject key, oldest first, opened (email and IP readable until the key is destroyed). */
	List<ConsentRecord> proofs(UUID subjectKey);

	/** Every proof about a subject, by account id or by the email's blind index, oldest first. */
	List<ConsentRecord> about(@Nullable AccountId account, @Nullable EmailAddress email);

	/** The policy version the subject key's latest proof was recorded under; empty without proofs. */
	Optional<String> policyVersion(UUID subjectKey);

	/** Whether any proof under the subject key remains. */
	boolean hasProof(UUID subjectKey);
}
