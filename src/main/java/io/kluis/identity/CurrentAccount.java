package io.kluis.identity;

import io.kluis.shared.AccountId;
import java.io.Serializable;
import java.security.Principal;
import java.util.Set;

/**
 * The authenticated account as other modules see it (from the security context): an id and roles,
 * nothing personal. {@link #getName()} is the account id, so session stores and logs that record
 * principal names hold ids, never email addresses.
 *
 * @param mfa whether the account has a second factor configured
 */
public record CurrentAccount(AccountId id, Set<Role> roles, boolean mfa) implements Principal, Serializable {

	@Override
	public String getName() {
		return id.toString();
	}

	public boolean isStaff() {
		return roles.contains(Role.STAFF);
	}

	public boolean has(Role role) {
		return roles.contains(role);
	}

	public CurrentAccount withMfa(boolean enabled) {
		return new CurrentAccount(id, roles, enabled);
	}
}
