package io.kluis.privacy.disclosures;

import io.kluis.privacy.Disclosure;
import io.kluis.privacy.register.LegalBasis;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.register.ProcessingRegister.Purpose;
import io.kluis.privacy.register.ProcessingRegister.Recipient;
import io.kluis.privacy.register.ProcessingRegister.RecipientRole;
import io.kluis.shared.web.InvalidInputException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What makes a disclosure recordable: it matches the processing register (SHR-1), so the ledger never
 * holds a disclosure the published statement does not announce. Each rule refuses with the field and
 * the rule, never the submitted value.
 */
final class DisclosureRules {

	static final int MAX_LEGAL_GROUND = 500;

	static final int MAX_REFERENCE = 200;

	private DisclosureRules() {
	}

	/** A disclosure that passed the rules, with the register's entries it refers to. */
	record Checked(Recipient recipient, Purpose purpose, LegalBasis legalBasis, @Nullable String legalGround,
			@Nullable String reference) {

		@Override
		public String toString() {
			return "Checked[" + recipient.id() + ", " + purpose.id() + "]";
		}
	}

	static Checked check(Disclosure d, ProcessingRegister register) {
		Recipient recipient = register.recipients().stream().filter(r -> r.id().equals(d.recipient())).findFirst()
			.orElseThrow(() -> new InvalidInputException("recipient",
					"Unknown recipient: only the recipients of the processing register may receive personal data (SHR-1)."));
		if (d.categories().isEmpty()) {
			throw new InvalidInputException("categories", "Name at least one category of personal data that was sent.");
		}
		for (String category : d.categories()) {
			if (register.category(category).isEmpty()) {
				throw new InvalidInputException("categories", "Unknown category: use the categories of the processing register.");
			}
			if (!recipient.categories().contains(category)) {
				throw new InvalidInputException("categories",
						"The processing register does not say this recipient receives one of these categories (SHR-1).");
			}
		}
		Purpose purpose = register.purposes().stream().filter(p -> p.id().equals(d.purpose())).findFirst()
			.orElseThrow(() -> new InvalidInputException("purpose", "Unknown purpose: use a purpose of the processing register."));
		if (!purpose.categories().containsAll(d.categories())) {
			throw new InvalidInputException("categories",
					"The processing register does not use one of these categories for this purpose (PUR-1).");
		}
		LegalBasis basis = legalBasis(d.legalBasis());
		if (basis != purpose.legalBasis()) {
			throw new InvalidInputException("legalBasis",
					"A disclosure rests on the legal basis of its purpose in the processing register.");
		}
		String ground = text("legalGround", d.legalGround(), MAX_LEGAL_GROUND);
		if (recipient.role() == RecipientRole.AUTHORITY && ground == null) {
			throw new InvalidInputException("legalGround",
					"A disclosure to an authority needs its legal ground: the law or order that obliges it (SHR-6).");
		}
		return new Checked(recipient, purpose, basis, ground, text("reference", d.reference(), MAX_REFERENCE));
	}

	private static LegalBasis legalBasis(@Nullable String value) {
		if (value != null) {
			for (LegalBasis basis : LegalBasis.values()) {
				if (basis.name().equalsIgnoreCase(value.trim())) {
					return basis;
				}
			}
		}
		throw new InvalidInputException("legalBasis", "Unknown legal basis: use one of art. 6(1) as the register spells it, "
				+ "e.g. contract or legal_obligation.");
	}

	/** Trimmed, blank as absent, at most {@code max} characters, no control characters but line breaks. */
	private static @Nullable String text(String field, @Nullable String value, int max) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.strip();
		if (trimmed.length() > max) {
			throw new InvalidInputException(field, "At most " + max + " characters.");
		}
		if (trimmed.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
			throw new InvalidInputException(field, "Control characters are not allowed.");
		}
		return trimmed;
	}

	static String spelled(LegalBasis basis) {
		return basis.name().toLowerCase(Locale.ROOT);
	}
}
