package io.kluis.privacy.disclosures;

import io.kluis.crypto.Sealed;
import io.kluis.privacy.DisclosureId;
import io.kluis.privacy.register.LegalBasis;
import io.kluis.shared.AccountId;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A row of the ledger; the reference stays sealed ({@code null} once the subject was erased). */
public record RecordedDisclosure(DisclosureId id, AccountId subject, String recipient, List<String> categories,
		String purpose, LegalBasis legalBasis, @Nullable String legalGround, @Nullable Sealed reference,
		@Nullable AccountId recordedBy, Instant disclosedAt) {

	public RecordedDisclosure {
		categories = List.copyOf(categories);
	}

	@Override
	public String toString() {
		return "RecordedDisclosure[" + id + "]";
	}
}
