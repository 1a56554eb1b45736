package io.kluis.identity.account;

import java.util.List;
import java.util.Map;

/**
 * The registration input broke one or more rules. Each violation names a field and a stable
 * message code (for i18n) with arguments; never the submitted value.
 */
public class RegistrationRefused extends RuntimeException {

	public record Violation(String field, String code, Map<String, Object> arguments) {
	}

	private final List<Violation> violations;

	public RegistrationRefused(List<Violation> violations) {
		super("registration refused: " + violations.stream().map(v -> v.field() + "=" + v.code()).toList());
		this.violations = List.copyOf(violations);
	}

	public List<Violation> violations() {
		return violations;
	}
}
