package io.kluis.privacy;

import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One proof record of the ledger, opened (email and IP decrypted). {@code subjectKey} groups a
 * subject's records: the subscription id for the newsletter, the random consent id of the
 * {@code kluis_consent} cookie for cookie choices. {@link #toString()} shows neither email nor IP.
 */
public record ConsentRecord(UUID id, UUID subjectKey, @Nullable AccountId account, @Nullable EmailAddress email,
		String purpose, ConsentAction action, @Nullable String choice, Instant occurredAt, ConsentSource source,
		String policyVersion, @Nullable String ip) {

	public static final String NEWSLETTER = ConsentProofs.NEWSLETTER;

	public static final String COOKIES = "cookies";

	@Override
	public String toString() {
		return "ConsentRecord[" + id + ", " + purpose + " " + action + " at " + occurredAt + " via " + source.code()
				+ ", policy " + policyVersion + "]";
	}
}
