package io.kluis.privacy;

import io.kluis.shared.AccountId;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One disclosure of a customer's personal data to a third party, as a module reports it to
 * {@link Disclosures#record}.
 *
 * @param recipient the register's id of the recipient, e.g. {@code authorities}
 * @param subject the customer whose data was sent
 * @param categories the register's ids of the categories sent, e.g. {@code customer-identity}
 * @param purpose the register's id of the purpose the disclosure served
 * @param legalBasis the purpose's legal basis as the register spells it ({@code contract},
 *        {@code legal_obligation}, …): stated by the caller and checked, so a disclosure under the wrong
 *        basis is refused rather than silently relabelled
 * @param legalGround the law, order or agreement that allows or obliges the disclosure (required for an
 *        authority, SHR-6: e.g. "art. 126nd Sv, vordering van de officier van justitie"); kept readable
 *        after an erasure as the evidence that it was lawful, so it names the law and not the person
 * @param reference an order, case or claim number; may be personal data, so it is stored sealed under
 *        the subject's key and goes with an erasure
 * @param recordedBy the staff member who recorded it, or {@code null} when a module records its own
 *        automated hand-off
 */
public record Disclosure(String recipient, AccountId subject, Set<String> categories, String purpose,
		String legalBasis, @Nullable String legalGround, @Nullable String reference, @Nullable AccountId recordedBy) {

	public Disclosure {
		categories = categories == null ? Set.of() : Set.copyOf(categories);
	}

	@Override
	public String toString() {
		return "Disclosure[" + recipient + ", " + subject + ", " + categories + "]";
	}
}
