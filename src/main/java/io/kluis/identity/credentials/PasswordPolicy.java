package io.kluis.identity.credentials;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The password policy of NIST SP 800-63B-4, and the one place that lists its rules: a length window
 * (15 code points, 8 with a second factor, up to 256), no composition rules (any Unicode, spaces and
 * emoji included), and refusal of repetitive, personal, blocklisted and (optionally) breached
 * passwords.
 * <p>
 * Rules run in three stages and a stage runs only when the previous one passed: length (cheap, and
 * bounds the work after it), local content rules (all reported together), then the remote breach
 * lookup (only for a password that is otherwise acceptable, so no network call is spent on one that
 * is refused anyway). Build once per application (the blocklist takes a moment to load); {@link #check}
 * is thread-safe.
 */
public final class PasswordPolicy {

	public static final int MINIMUM_LENGTH = 15;

	public static final int MINIMUM_LENGTH_WITH_SECOND_FACTOR = 8;

	public static final int MAXIMUM_LENGTH = 256;

	private final List<PasswordRule> lengthRules;

	private final List<PasswordRule> contentRules;

	private final List<PasswordRule> remoteRules;

	public PasswordPolicy(PwnedPasswords pwnedPasswords) {
		this.lengthRules = List.of(new MinimumLengthRule(MINIMUM_LENGTH, MINIMUM_LENGTH_WITH_SECOND_FACTOR),
				new MaximumLengthRule(MAXIMUM_LENGTH));
		this.contentRules = List.of(new RepetitiveRule(), new PersonalInfoRule(), new BlocklistRule());
		this.remoteRules = List.of(new BreachedRule(pwnedPasswords));
	}

	/** Without the breach lookup (its default: {@code kluis.identity.passwords.hibp-enabled=false}). */
	public PasswordPolicy() {
		this(PwnedPasswords.disabled());
	}

	public PasswordCheck check(CharSequence password, PasswordContext context) {
		if (password.length() > PasswordHasher.MAX_INPUT_CHARS) {
			return new PasswordCheck(List.of(PasswordViolation.of(MaximumLengthRule.ID, MAXIMUM_LENGTH)));
		}
		PasswordCandidate candidate = PasswordCandidate.of(password, context);
		for (List<PasswordRule> stage : List.of(lengthRules, contentRules, remoteRules)) {
			List<PasswordViolation> violations = new ArrayList<>();
			for (PasswordRule rule : stage) {
				rule.check(candidate).ifPresent(violations::add);
			}
			if (!violations.isEmpty()) {
				return new PasswordCheck(violations);
			}
		}
		return new PasswordCheck(List.of());
	}

	/** Every rule, in order; e.g. for a test that each id has a message in every locale. */
	public List<PasswordRule> rules() {
		return Stream.of(lengthRules, contentRules, remoteRules).flatMap(List::stream).toList();
	}
}
