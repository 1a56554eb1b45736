package io.kluis.identity.credentials;

import java.util.List;

/**
 * One broken password rule, ready for i18n: {@code ruleId} is a stable message key (for example
 * {@code password.too-short}) and {@code arguments} are its positional message arguments (for
 * example the minimum length). Arguments are numbers only, so a violation can never carry the
 * password or a personal word into a page, a log or an API response.
 */
public record PasswordViolation(String ruleId, List<Integer> arguments) {

	public PasswordViolation {
		arguments = List.copyOf(arguments);
	}

	public static PasswordViolation of(String ruleId, Integer... arguments) {
		return new PasswordViolation(ruleId, List.of(arguments));
	}

	/** The arguments as Spring's {@code MessageSource} wants them. */
	public Object[] messageArguments() {
		return arguments.toArray();
	}
}
