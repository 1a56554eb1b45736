package io.kluis.identity;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import org.jspecify.annotations.Nullable;

/**
 * An auditable event about one account. By default the account is both the subject and the actor
 * (the owner did it); events caused by staff or the system override {@link #actor()}.
 */
public interface IdentityEvent extends Auditable {

	@Nullable AccountId account();

	@Override
	default @Nullable AccountId subject() {
		return account();
	}

	@Override
	default @Nullable AccountId actor() {
		return account();
	}
}
