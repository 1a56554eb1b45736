package io.kluis.privacy.requests;

/**
 * How a request reached the provider (RIG-7). {@link #FORM} requests are confirmed by the mailed
 * link; the others are entered by the privacy officer, with the date they arrived.
 */
public enum RequestChannel {
	/** The public form at {@code /requests}. */
	FORM,
	/** An email to the privacy contact (or any other address of the provider). */
	EMAIL,
	/** A letter by post. */
	LETTER,
	/** A phone call. */
	PHONE;

	public boolean enteredByStaff() {
		return this != FORM;
	}
}
