package io.kluis.privacy.register;

/** The moment a retention period starts counting from. */
public enum RetentionTrigger {
	/** When the item was recorded (a log line, an audit entry, a registration). */
	RECORDED,
	/** When the customer's account was closed. */
	ACCOUNT_CLOSED,
	/** When a mail was sent (or finally failed). */
	SENT,
	/** The end of the fiscal year the item belongs to (invoices, art. 52 AWR). */
	FISCAL_YEAR_END,
	/** When consent was withdrawn (the proof of it is kept for a while after). */
	CONSENT_WITHDRAWN,
	/** When a data-subject request or support case was closed. */
	CLOSED,
	/** When the item was last used (sessions, app passwords). */
	LAST_USED,
	/**
	 * When the paid service that kept the item ended: a plan cancelled and run out, not followed by a
	 * new one (stored files of an ended storage plan).
	 */
	SERVICE_ENDED
}
