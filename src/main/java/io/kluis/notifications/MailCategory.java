package io.kluis.notifications;

/**
 * Why a mail is sent, which decides what consent it needs. Stored with every outbox row so a later
 * consent check (and the processing register) can tell the kinds apart.
 */
public enum MailCategory {

	/** Needed to perform the contract: verification, receipts, notices about the service. */
	TRANSACTIONAL,

	/** About the safety of the account (new login, password changed, MFA removed); never suppressed. */
	SECURITY,

	/** Newsletters and offers: only with consent, always with an unsubscribe link (RFC 8058 headers). */
	MARKETING
}
