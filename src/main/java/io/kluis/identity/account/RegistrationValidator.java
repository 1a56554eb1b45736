package io.kluis.identity.account;

import io.kluis.identity.credentials.PasswordContext;
import io.kluis.shared.EmailAddress;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The rules a registration must satisfy, each reported with a stable code: required fields and
 * their bounds, an ISO country, a plausible phone number, the minimum age (ACC-4), accepted terms,
 * and the password rules with the applicant's own name and email as forbidden words.
 */
@Component
public class RegistrationValidator {

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()\\-]{6,32}");

	private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

	private final PasswordRules passwordRules;

	private final IdentityProperties properties;

	private final Clock clock;

	RegistrationValidator(PasswordRules passwordRules, IdentityProperties properties, Clock clock) {
		this.passwordRules = passwordRules;
		this.properties = properties;
		this.clock = clock;
	}

	public List<RegistrationRefused.Violation> validate(RegistrationRequest r) {
		var violations = new ArrayList<RegistrationRefused.Violation>();
		if (r.email() == null || !EmailAddress.isValid(r.email())) {
			violations.add(violation("email", "email.invalid"));
		}
		text(violations, "firstName", r.firstName(), 100, true);
		text(violations, "lastName", r.lastName(), 100, true);
		text(violations, "street", r.street(), 200, true);
		text(violations, "postalCode", r.postalCode(), 16, true);
		text(violations, "city", r.city(), 100, true);
		text(violations, "companyName", r.companyName(), 200, false);
		if (r.country() == null || !COUNTRIES.contains(r.country().strip().toUpperCase(Locale.ROOT))) {
			violations.add(violation("country", "country.invalid"));
		}
		if (r.phone() != null && !r.phone().isBlank() && !PHONE.matcher(r.phone().strip()).matches()) {
			violations.add(violation("phone", "phone.invalid"));
		}
		dateOfBirth(violations, r.dateOfBirth());
		if (!r.acceptedTerms()) {
			violations.add(violation("acceptedTerms", "terms.required"));
		}
		if (r.password() == null || r.password().isEmpty()) {
			violations.add(violation("password", "required"));
		}
		else {
			violations.addAll(passwordRules.check(r.password(), false, personalWords(r)));
		}
		return violations;
	}

	/** The same field rules for a correction on the my-data page (no password, no terms). */
	public List<RegistrationRefused.Violation> validatePersonalData(PersonalData p) {
		var violations = new ArrayList<RegistrationRefused.Violation>();
		text(violations, "firstName", p.firstName(), 100, true);
		text(violations, "lastName", p.lastName(), 100, true);
		text(violations, "street", p.street(), 200, true);
		text(violations, "postalCode", p.postalCode(), 16, true);
		text(violations, "city", p.city(), 100, true);
		text(violations, "companyName", p.companyName(), 200, false);
		if (!COUNTRIES.contains(p.country())) {
			violations.add(violation("country", "country.invalid"));
		}
		if (p.phone() != null && !PHONE.matcher(p.phone()).matches()) {
			violations.add(violation("phone", "phone.invalid"));
		}
		dateOfBirth(violations, p.dateOfBirth());
		return violations;
	}

	/** ACC-4: refuses anyone younger than the minimum age on the day of registration. */
	private void dateOfBirth(List<RegistrationRefused.Violation> violations, @Nullable LocalDate dateOfBirth) {
		LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
		if (dateOfBirth == null) {
			violations.add(violation("dateOfBirth", "required"));
		}
		else if (dateOfBirth.isAfter(today) || dateOfBirth.isBefore(today.minusYears(130))) {
			violations.add(violation("dateOfBirth", "dateOfBirth.invalid"));
		}
		else if (Period.between(dateOfBirth, today).getYears() < properties.minimumAge()) {
			violations.add(new RegistrationRefused.Violation("dateOfBirth", "dateOfBirth.under-age",
					Map.of("minimumAge", properties.minimumAge())));
		}
	}

	private static List<String> personalWords(RegistrationRequest r) {
		return PasswordContext.forAccount(false, r.email(), r.firstName(), r.lastName()).personalWords();
	}

	private static void text(List<RegistrationRefused.Violation> violations, String field, @Nullable String value,
			int max, boolean required) {
		if (value == null || value.isBlank()) {
			if (required) {
				violations.add(violation(field, "required"));
			}
		}
		else if (value.strip().length() > max) {
			violations.add(new RegistrationRefused.Violation(field, "too-long", Map.of("max", max)));
		}
		else if (CONTROL.matcher(value).find()) {
			violations.add(violation(field, "invalid-characters"));
		}
	}

	static RegistrationRefused.Violation violation(String field, String code) {
		return new RegistrationRefused.Violation(field, code, Map.of());
	}
}
