package io.kluis.identity.credentials;

import java.util.List;

/** The outcome of {@link PasswordPolicy#check}: acceptable when no rule is violated. */
public record PasswordCheck(List<PasswordViolation> violations) {

	public PasswordCheck {
		violations = List.copyOf(violations);
	}

	public boolean acceptable() {
		return violations.isEmpty();
	}

	public boolean violates(String ruleId) {
		return violations.stream().anyMatch(v -> v.ruleId().equals(ruleId));
	}
}
