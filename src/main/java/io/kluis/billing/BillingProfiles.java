package io.kluis.billing;

import io.kluis.shared.AccountId;
import java.util.Optional;

/** The billing profiles, for the invoicing: whom an invoice is made out to. */
public interface BillingProfiles {

	/** The customer's current profile; empty before the first order or after erasure. */
	Optional<BillingProfile> find(AccountId account);
}
