package io.kluis.privacy.spi;

import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** How to reach an account holder: for privacy mails (exports ready, policy changes, request answers). */
public record AccountContact(AccountId account, EmailAddress email, Locale locale, @Nullable String firstName) {

	@Override
	public String toString() {
		return "AccountContact[" + account + "]";
	}
}
