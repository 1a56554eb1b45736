package io.kluis.crypto;

import io.kluis.shared.AccountId;

/**
 * The subject's data key was destroyed (crypto-shredding): the field can never be read again.
 * Callers treat the field as erased.
 */
public class DataKeyDestroyedException extends RuntimeException {

	public DataKeyDestroyedException(AccountId subject) {
		super("data key of subject " + subject + " was destroyed");
	}
}
