package io.kluis.identity.credentials;

import java.util.Optional;

/**
 * Refuses passwords known from breach corpora (Have I Been Pwned), as NIST SP 800-63B asks. When the
 * lookup is disabled or unavailable the rule passes: registration must keep working offline, and the
 * bundled blocklist still applies.
 */
public final class BreachedRule implements PasswordRule {

	public static final String ID = "password.breached";

	private final PwnedPasswords pwnedPasswords;

	public BreachedRule(PwnedPasswords pwnedPasswords) {
		this.pwnedPasswords = pwnedPasswords;
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public Optional<PasswordViolation> check(PasswordCandidate candidate) {
		return pwnedPasswords.check(candidate.normalized()) == PwnedPasswords.Status.BREACHED
				? Optional.of(PasswordViolation.of(ID)) : Optional.empty();
	}
}
