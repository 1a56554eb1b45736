package io.kluis.shared.web;

import io.kluis.shared.AccountId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The signed-in account's id, if any, for modules that may not import identity (ARCHITECTURE: the
 * current user reaches privacy and the modules above it as an account id):
 * {@link Authentication#getName()} is the account id for customers and
 * staff; anonymous visitors and half-finished logins (password given, second factor pending) count
 * as no one.
 */
public final class SignedIn {

	private SignedIn() {
	}

	public static Optional<AccountId> of(@Nullable Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated() || authentication.getAuthorities()
			.stream()
			.noneMatch(a -> "ROLE_CUSTOMER".equals(a.getAuthority()) || "ROLE_STAFF".equals(a.getAuthority()))) {
			return Optional.empty();
		}
		try {
			return Optional.of(AccountId.parse(authentication.getName()));
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
	}

	public static Optional<AccountId> now() {
		return of(SecurityContextHolder.getContext().getAuthentication());
	}
}
