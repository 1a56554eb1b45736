package io.kluis.privacy.policy;

import io.kluis.privacy.register.LegalBasis;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.register.ProcessingRegister.Purpose;
import io.kluis.privacy.register.ProcessingRegister.RetentionRule;
import io.kluis.privacy.register.Text;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/**
 * The register in one reader's language, in plain words: "uitvoering van de overeenkomst (AVG
 * artikel 6 lid 1 onder b)", "30 dagen na opzegging van uw account". Used by the policy pages, the
 * retention matrix and the Art. 30 record, so they all say the same thing.
 */
public final class PolicyText {

	/** EU and EEA member states: transfers to them need no further safeguard (AVG chapter V). */
	static final Set<String> EEA = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR",
			"HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO");

	private final ProcessingRegister register;

	private final MessageSource messages;

	private final Locale locale;

	public PolicyText(ProcessingRegister register, MessageSource messages, Locale locale) {
		this.register = register;
		this.messages = messages;
		this.locale = "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.forLanguageTag("nl");
	}

	public Locale locale() {
		return locale;
	}

	/** A register text in the reader's language. */
	public String t(@Nullable Text text) {
		return text == null ? "" : text.in(locale);
	}

	/** "uitvoering van de overeenkomst (AVG artikel 6 lid 1 onder b)". */
	public String basis(LegalBasis basis) {
		return message("privacy.policy.basis." + basis.name(), basis.name()) + " ("
				+ message("privacy.policy.article", "art. 6(1)({0})", basis.letter()) + ")";
	}

	public String basis(Purpose purpose) {
		return basis(purpose.legalBasis());
	}

	/** The rule's period and trigger in words: "30 dagen na opzegging van uw account". */
	public String retention(RetentionRule rule) {
		String trigger = rule.trigger() == null ? "" : rule.trigger().name();
		Period period = rule.period() == null ? Period.ZERO : rule.period().normalized();
		if (period.isZero()) {
			return message("privacy.policy.trigger.immediately." + trigger, trigger);
		}
		return message("privacy.policy.retention.after", "{0} {1}", period(period),
				message("privacy.policy.trigger.after." + trigger, trigger));
	}

	/** "2 jaar en 6 maanden". */
	public String period(Period period) {
		List<String> parts = new ArrayList<>();
		if (period.getYears() != 0) {
			parts.add(message("privacy.policy.period.years", "{0} y", period.getYears()));
		}
		if (period.getMonths() != 0) {
			parts.add(message("privacy.policy.period.months", "{0} m", period.getMonths()));
		}
		if (period.getDays() != 0) {
			parts.add(message("privacy.policy.period.days", "{0} d", period.getDays()));
		}
		if (parts.size() > 1) {
			String last = parts.remove(parts.size() - 1);
			return String.join(", ", parts) + " " + message("privacy.policy.and", "and") + " " + last;
		}
		return parts.isEmpty() ? message("privacy.policy.period.none", "0") : parts.get(0);
	}

	/** The names of the purposes that use a category. */
	public String purposesOf(String categoryId) {
		return register.purposes().stream()
			.filter(p -> p.categories().contains(categoryId))
			.map(p -> t(p.name()))
			.collect(Collectors.joining(", "));
	}

	public String categoryName(String categoryId) {
		return register.category(categoryId).map(c -> t(c.name())).orElse(categoryId);
	}

	public String categoryNames(List<String> ids) {
		return names(ids, this::categoryName);
	}

	public String subjectNames(List<String> ids) {
		return names(ids, id -> register.subjects().stream().filter(s -> s.id().equals(id)).findFirst()
			.map(s -> t(s.name())).orElse(id));
	}

	/** The recipients that receive a category, by name. */
	public String recipientsOf(String categoryId) {
		return register.recipients().stream()
			.filter(r -> r.categories().contains(categoryId))
			.map(ProcessingRegister.Recipient::name)
			.collect(Collectors.joining(", "));
	}

	/** "Nederland" / "Netherlands". */
	public String country(@Nullable String code) {
		return code == null ? "" : new Locale.Builder().setRegion(code).build().getDisplayCountry(locale);
	}

	public boolean insideEea(@Nullable String code) {
		return code != null && EEA.contains(code);
	}

	/** The retention of a category in words, all its rules joined. */
	public String retentionOf(String categoryId) {
		return register.retentionFor(categoryId).stream().map(this::retention).collect(Collectors.joining("; "));
	}

	public String role(ProcessingRegister.RecipientRole role) {
		return message("privacy.policy.role." + role.name(), role.name());
	}

	public String cookieCategory(ProcessingRegister.CookieCategory category) {
		return message("privacy.policy.cookie." + category.name(), category.name());
	}

	private static String names(List<String> ids, Function<String, String> name) {
		return ids.stream().map(name).collect(Collectors.joining(", "));
	}

	private String message(String key, String fallback, Object... args) {
		return messages.getMessage(key, args, fallback, locale);
	}
}
