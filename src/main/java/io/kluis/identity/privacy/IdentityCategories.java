package io.kluis.identity.privacy;

import java.util.Map;
import java.util.Set;

/** The register categories identity holds, and the columns that store each (PUR-3). */
final class IdentityCategories {

	static final String CUSTOMER_IDENTITY = "customer-identity";

	static final String CONTACT_EMAIL = "contact-email";

	static final String CREDENTIALS = "credentials";

	static final String REGISTRATION_EVIDENCE = "registration-evidence";

	static final String UNVERIFIED_REGISTRATION = "unverified-registration";

	static final String SESSIONS = "sessions";

	static final String LOGIN_PROTECTION = "login-protection";

	static final Set<String> ALL = Set.of(CUSTOMER_IDENTITY, CONTACT_EMAIL, CREDENTIALS, REGISTRATION_EVIDENCE,
			UNVERIFIED_REGISTRATION, SESSIONS, LOGIN_PROTECTION);

	/**
	 * Every identity column that holds personal data. An unverified account's row holds the same
	 * columns; its data is the {@value #UNVERIFIED_REGISTRATION} category until the email is confirmed.
	 */
	static final Map<String, String> COLUMNS = Map.ofEntries(
			Map.entry("identity_accounts.customer_number", CUSTOMER_IDENTITY),
			Map.entry("identity_accounts.first_name_sealed", CUSTOMER_IDENTITY),
			Map.entry("identity_accounts.last_name_sealed", CUSTOMER_IDENTITY),
			Map.entry("identity_accounts.street_sealed", CUSTOMER_IDENTITY),
			Map.entry("identity_accounts.postal_code_sealed", CUSTOMER_IDENTITY),
			Map.entry("identity_accounts.postal_code_index", CUSTOMER_IDENTITY),
			Map.entry("identity_accounts.city_sealed", CUSTOMER_IDENTITY),
			Map.entry("identity_accounts.country_sealed", CUSTOMER_IDENTITY),
			Map.entry("identity_accounts.date_of_birth_sealed", CUSTOMER_IDENTITY),
			Map.entry("identity_accounts.phone_sealed", CUSTOMER_IDENTITY),
			Map.entry("identity_accounts.company_name_sealed", CUSTOMER_IDENTITY),
			Map.entry("identity_accounts.locale", CUSTOMER_IDENTITY),
			Map.entry("identity_account_roles.account_id", CUSTOMER_IDENTITY),
			Map.entry("identity_accounts.email_sealed", CONTACT_EMAIL),
			Map.entry("identity_accounts.email_index", CONTACT_EMAIL),
			Map.entry("identity_tokens.payload_sealed", CONTACT_EMAIL),
			Map.entry("identity_accounts.password_hash", CREDENTIALS),
			Map.entry("identity_accounts.totp_secret_sealed", CREDENTIALS),
			Map.entry("identity_accounts.totp_pending_sealed", CREDENTIALS),
			Map.entry("identity_recovery_codes.account_id", CREDENTIALS),
			Map.entry("identity_app_passwords.account_id", CREDENTIALS),
			Map.entry("identity_app_passwords.name_sealed", CREDENTIALS),
			Map.entry("identity_tokens.account_id", CREDENTIALS),
			Map.entry("identity_accounts.registration_ip_sealed", REGISTRATION_EVIDENCE),
			Map.entry("identity_accounts.terms_accepted_at", REGISTRATION_EVIDENCE),
			Map.entry("spring_session.principal_name", SESSIONS),
			Map.entry("spring_session_attributes.attribute_bytes", SESSIONS),
			Map.entry("identity_accounts.failed_logins", LOGIN_PROTECTION),
			Map.entry("identity_accounts.locked_at", LOGIN_PROTECTION),
			Map.entry("identity_address_throttle.address_key", LOGIN_PROTECTION));

	private IdentityCategories() {
	}
}
