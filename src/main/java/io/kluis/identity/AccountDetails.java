package io.kluis.identity;

import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What another module may know of an account to address it: its email address, the language it
 * chose (for mails and pages) and the first name, if given. {@link #toString()} shows only the id.
 */
public record AccountDetails(AccountId id, EmailAddress email, Locale language, @Nullable String firstName) {

	@Override
	public String toString() {
		return "AccountDetails[" + id + "]";
	}
}
