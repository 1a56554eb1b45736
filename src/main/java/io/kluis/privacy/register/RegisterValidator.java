package io.kluis.privacy.register;

import io.kluis.privacy.register.ProcessingRegister.Category;
import io.kluis.privacy.register.ProcessingRegister.Purpose;
import io.kluis.privacy.register.ProcessingRegister.RecipientRole;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The rules a register must satisfy before Kluis publishes it or acts on it. Each problem names its
 * location; all problems are reported at once.
 */
public final class RegisterValidator {

	private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private final List<RegisterProblem> problems = new ArrayList<>();

	private RegisterValidator() {
	}

	public static List<RegisterProblem> validate(ProcessingRegister register) {
		var validator = new RegisterValidator();
		validator.check(register);
		return validator.problems;
	}

	private void check(ProcessingRegister r) {
		provider(r.provider());
		Set<String> subjects = ids("subjects", r.subjects(), ProcessingRegister.Subject::id);
		Set<String> categories = ids("categories", r.categories(), Category::id);
		ids("purposes", r.purposes(), Purpose::id);
		ids("recipients", r.recipients(), ProcessingRegister.Recipient::id);
		ids("retention", r.retention(), ProcessingRegister.RetentionRule::id);
		ids("statements", r.statements(), ProcessingRegister.Statement::id);
		r.subjects().forEach(s -> text("subjects[" + s.id() + "].name", s.name()));
		for (Category c : r.categories()) {
			String at = "categories[" + c.id() + "]";
			text(at + ".name", c.name());
			text(at + ".examples", c.examples());
			require(!blank(c.heldBy()), at + ".heldBy", "name the module that stores this category");
			if (r.purposes().stream().noneMatch(p -> p.categories().contains(c.id()))) {
				problem(at, "no purpose uses this category: data without a purpose may not be stored (PUR-3)");
			}
			if (r.retentionFor(c.id()).isEmpty()) {
				problem(at, "has no retention rule: every category needs one (RET-2)");
			}
			if (c.special() && r.purposes().stream().filter(p -> p.categories().contains(c.id()))
				.anyMatch(p -> p.legalBasis() != LegalBasis.CONSENT && p.legalBasis() != LegalBasis.LEGAL_OBLIGATION)) {
				problem(at, "is a special category (art. 9): only purposes based on consent or a legal obligation may use it");
			}
		}
		for (Purpose p : r.purposes()) {
			String at = "purposes[" + p.id() + "]";
			text(at + ".name", p.name());
			text(at + ".description", p.description());
			if (p.legalBasis() == null) {
				problem(at + ".legalBasis", "missing: every purpose needs a legal basis from art. 6(1) (PUR-1)");
			}
			else if (p.legalBasis() == LegalBasis.LEGITIMATE_INTEREST) {
				if (p.legitimateInterest() == null || p.legitimateInterest().isEmpty()) {
					problem(at + ".legitimateInterest", "missing: a legitimate interest (art. 6(1)(f)) must be spelled out");
				}
				else {
					text(at + ".legitimateInterest", p.legitimateInterest());
				}
			}
			require(!p.categories().isEmpty(), at + ".categories", "list the categories this purpose uses");
			p.categories().stream().filter(c -> !categories.contains(c))
				.forEach(c -> problem(at + ".categories", "unknown category '" + c + "'"));
			p.subjects().stream().filter(s -> !subjects.contains(s))
				.forEach(s -> problem(at + ".subjects", "unknown data subject '" + s + "'"));
		}
		for (var recipient : r.recipients()) {
			String at = "recipients[" + recipient.id() + "]";
			require(!blank(recipient.name()), at + ".name", "missing");
			text(at + ".purpose", recipient.purpose());
			require(recipient.country() != null && COUNTRIES.contains(recipient.country()), at + ".country",
					"use an ISO 3166 country code such as NL");
			if (recipient.role() == RecipientRole.PROCESSOR && !recipient.processorAgreement()) {
				problem(at + ".processorAgreement", "a processor needs a processor agreement (art. 28)");
			}
			recipient.categories().stream().filter(c -> !categories.contains(c))
				.forEach(c -> problem(at + ".categories", "unknown category '" + c + "'"));
		}
		for (var rule : r.retention()) {
			String at = "retention[" + rule.id() + "]";
			if (!categories.contains(rule.category())) {
				problem(at + ".category", "retention rule for an undeclared category '" + rule.category() + "'");
			}
			require(rule.trigger() != null, at + ".trigger", "missing");
			if (rule.period() == null || rule.period().isNegative()) {
				problem(at + ".period", "use an ISO-8601 period of zero or more, e.g. P30D, P2Y");
			}
			text(at + ".description", rule.description());
			if (rule.legalHold() != null && !rule.legalHold().isEmpty()) {
				text(at + ".legalHold", rule.legalHold());
			}
		}
		Set<String> cookieNames = new HashSet<>();
		for (var cookie : r.cookies()) {
			String at = "cookies[" + cookie.name() + "]";
			require(cookieNames.add(cookie.name()), at, "declared twice");
			require(cookie.category() != null, at + ".category", "technical, functional, analytical or commercial");
			text(at + ".purpose", cookie.purpose());
			text(at + ".lifetime", cookie.lifetime());
		}
		r.statements().forEach(s -> text("statements[" + s.id() + "].text", s.text()));
		if (r.requests() != null && r.requests().deadline() != null && !isLawfulRequestDeadline(r.requests().deadline())) {
			problem("requests.deadline", "use P1M (one calendar month) or at most four weeks (P4W, P28D): art. 12(3) "
					+ "allows no more than one month, and 29 days or more can be longer than February");
		}
		if (r.version() == null) {
			problem("version", "missing: say what this version changes and whether it is significant");
		}
		else {
			text("version.changes", r.version().changes());
		}
	}

	/**
	 * One calendar month exactly, or 1 to 28 days: never later than the month art. 12(3) allows, in
	 * any month. Mixed periods ({@code P1M2D}) and years are refused rather than guessed at.
	 */
	static boolean isLawfulRequestDeadline(java.time.Period deadline) {
		if (deadline.getYears() != 0) {
			return false;
		}
		if (deadline.getMonths() != 0) {
			return deadline.getMonths() == 1 && deadline.getDays() == 0;
		}
		return deadline.getDays() >= 1 && deadline.getDays() <= 28;
	}

	private void provider(ProcessingRegister.@Nullable Provider p) {
		if (p == null) {
			problem("provider", "missing: who is the controller?");
			return;
		}
		require(!blank(p.name()), "provider.name", "missing");
		require(!blank(p.address()), "provider.address", "missing");
		require(!blank(p.email()), "provider.email", "missing");
		require(!blank(p.privacyContact()), "provider.privacyContact", "missing: where do people send privacy requests?");
		if (p.supervisoryAuthority() == null || blank(p.supervisoryAuthority().name())) {
			problem("provider.supervisoryAuthority", "missing: people must be told where to complain (RIG-9)");
		}
	}

	private <T> Set<String> ids(String list, List<T> items, Function<T, String> id) {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < items.size(); i++) {
			String value = id.apply(items.get(i));
			if (value == null || !ID.matcher(value).matches()) {
				problem(list + "[" + i + "].id", "use lower-case words joined by dashes, e.g. customer-identity");
			}
			else if (!seen.add(value)) {
				problem(list + "[" + value + "]", "id declared twice");
			}
		}
		return seen.stream().collect(Collectors.toUnmodifiableSet());
	}

	private void text(String at, @Nullable Text text) {
		if (text == null || !text.complete()) {
			problem(at, "needs both a Dutch (nl) and an English (en) text");
		}
	}

	private void require(boolean condition, String at, String problem) {
		if (!condition) {
			problem(at, problem);
		}
	}

	private void problem(String at, String problem) {
		problems.add(new RegisterProblem(at, problem));
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}
}
