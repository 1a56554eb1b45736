package io.kluis.shared.personaldata;

import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import org.jspecify.annotations.Nullable;

/**
 * The person a request or an erasure is about: an account, and/or an email address for people who
 * never had one (newsletter-only subscribers, former customers whose account row is gone).
 */
public record DataSubject(@Nullable AccountId account, @Nullable EmailAddress email) {

	public DataSubject {
		if (account == null && email == null) {
			throw new IllegalArgumentException("a data subject needs an account or an email address");
		}
	}

	public static DataSubject of(AccountId account) {
		return new DataSubject(account, null);
	}

	@Override
	public String toString() {
		return "DataSubject[" + (account != null ? account : "email") + "]";
	}
}
