package io.kluis.identity.account;

/**
 * Why a staff member opens a customer's personal data (SEC-4). Recorded in the audit trail with
 * every read; a free-text reason could itself hold personal data, so only these codes and a short
 * ticket reference are stored.
 */
public enum ReadReason {
	SUPPORT_REQUEST, BILLING_QUERY, ABUSE_INVESTIGATION, DATA_SUBJECT_REQUEST, LEGAL_OBLIGATION, MINOR_REVIEW
}
