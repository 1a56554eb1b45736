package io.kluis.identity;

/**
 * What an account may do. Customers have {@link #CUSTOMER}; staff have {@link #STAFF} plus one or
 * more of the staff roles, each seeing only its part (SEC-4).
 */
public enum Role {

	CUSTOMER,
	/** Marker shared by every staff role: may enter /admin, sees nothing without a specific role. */
	STAFF,
	/** Accounts, blocking, MFA resets, configuration, the audit trail. */
	ADMIN,
	/** Finds customers to help them; reads personal data only with a recorded reason. */
	SUPPORT,
	/** Invoices and payments. */
	BILLING,
	/** Data-subject requests, processing register, audit trail. */
	PRIVACY_OFFICER;

	public boolean isStaffRole() {
		return this != CUSTOMER;
	}

	public String authority() {
		return "ROLE_" + name();
	}
}
