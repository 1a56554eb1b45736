package io.kluis.identity.account;

import java.util.List;

/**
 * Checks a new password (NIST SP 800-63B-4). Returns the violated rules as {@code password.*} codes
 * with arguments; an empty list means acceptable.
 */
public interface PasswordRules {

	List<RegistrationRefused.Violation> check(String password, boolean hasSecondFactor, List<String> personalWords);
}
