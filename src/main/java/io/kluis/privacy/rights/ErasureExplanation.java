package io.kluis.privacy.rights;

import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.register.ProcessingRegister.RetentionRule;
import io.kluis.privacy.register.RetentionTrigger;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What closing an account deletes and what it keeps, said beforehand (RIG-3) and in the
 * confirmation mail, from the processing register: categories with a legal-hold rule, and those a
 * holder declares it keeps on erasure, are kept (with the law or the rule, and a date where the
 * period runs from the closure); everything else is deleted at once.
 */
@Component
class ErasureExplanation {

	static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

	/** A category kept after closing, and why and until when ({@code until} null when per item). */
	record Kept(String category, String name, String reason, boolean legalHold, @Nullable LocalDate until) {
	}

	record Explanation(List<String> deleted, List<Kept> kept) {

		/** One line per kept category, for the confirmation mail (mail models take simple values only). */
		String keptSummary() {
			var lines = new ArrayList<String>();
			kept.forEach(k -> lines.add("- " + k.name() + ": " + k.reason() + (k.until() == null ? "" : " (" + k.until() + ")")));
			return String.join("\n", lines);
		}
	}

	private final ProcessingRegister register;

	private final Set<String> keptByHolders;

	ErasureExplanation(ProcessingRegister register, List<PersonalDataHolder> holders) {
		this.register = register;
		var kept = new HashSet<String>();
		holders.forEach(h -> kept.addAll(h.keptOnErasure()));
		this.keptByHolders = Set.copyOf(kept);
	}

	Explanation explain(Locale locale, Instant closingAt) {
		var deleted = new ArrayList<String>();
		var kept = new ArrayList<Kept>();
		for (var category : register.categories()) {
			String name = category.name().in(locale);
			var rules = register.retentionFor(category.id());
			var hold = rules.stream().filter(RetentionRule::isLegalHold).findFirst();
			if (hold.isPresent()) {
				var rule = hold.get();
				kept.add(new Kept(category.id(), name, rule.legalHold().in(locale) + " — " + rule.description().in(locale),
						true, until(rule, closingAt)));
			}
			else if (keptByHolders.contains(category.id())) {
				var rule = rules.isEmpty() ? null : rules.get(0);
				kept.add(new Kept(category.id(), name, rule == null ? "" : rule.description().in(locale), false,
						rule == null ? null : until(rule, closingAt)));
			}
			else {
				deleted.add(name);
			}
		}
		return new Explanation(deleted, kept);
	}

	private static @Nullable LocalDate until(RetentionRule rule, Instant closingAt) {
		if (rule.trigger() != RetentionTrigger.ACCOUNT_CLOSED) {
			return null;
		}
		return closingAt.atZone(ZONE).toLocalDate().plus(rule.period());
	}
}
