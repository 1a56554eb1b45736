package io.kluis.billing.payments;

/** A recurring charge was asked for an account without a valid mandate at the provider. */
public class NoMandateException extends RuntimeException {

	public NoMandateException() {
		super("the account has no valid mandate for recurring charges");
	}
}
