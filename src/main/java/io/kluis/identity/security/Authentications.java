package io.kluis.identity.security;

import io.kluis.identity.CurrentAccount;
import io.kluis.identity.Role;
import io.kluis.identity.account.Account;
import io.kluis.identity.account.AppPasswordScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Builds the full authentication of an account and reads the current one. */
public final class Authentications {

	private Authentications() {
	}

	public static Authentication full(Account account) {
		var principal = new CurrentAccount(account.id(), account.roles(), account.hasMfa());
		return UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities(principal));
	}

	/**
	 * An API or WebDAV client's authentication with an app password: the account's roles plus one
	 * {@code SCOPE_…} authority per scope the app password was given, which the API chain checks.
	 */
	public static Authentication appPassword(Account account, Set<AppPasswordScope> scopes) {
		var principal = new CurrentAccount(account.id(), account.roles(), account.hasMfa());
		var authorities = new ArrayList<GrantedAuthority>(authorities(principal));
		scopes.stream().map(AppPasswordScope::authority).map(SimpleGrantedAuthority::new).forEach(authorities::add);
		return UsernamePasswordAuthenticationToken.authenticated(principal, null, List.copyOf(authorities));
	}

	public static Authentication full(CurrentAccount principal) {
		return UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities(principal));
	}

	static List<GrantedAuthority> authorities(CurrentAccount principal) {
		return principal.roles().stream().map(Role::authority).<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
	}

	/** The fully authenticated account of this request, if any. */
	public static Optional<CurrentAccount> current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof CurrentAccount account) {
			return Optional.of(account);
		}
		return Optional.empty();
	}
}
