package io.kluis.identity.credentials;

import java.util.Optional;

/**
 * One password rule with a stable id (used as the i18n message key and in tests). Rules are
 * stateless or immutable after construction, so a policy can call them from many threads.
 */
public interface PasswordRule {

	/** Stable id such as {@code password.too-short}; never changes once published. */
	String id();

	/** The violation, or empty when {@code candidate} satisfies this rule. */
	Optional<PasswordViolation> check(PasswordCandidate candidate);
}
