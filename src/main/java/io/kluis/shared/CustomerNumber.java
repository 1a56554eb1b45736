package io.kluis.shared;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The number that links all of a customer's data (ACC-5): printed on invoices, quoted to support.
 * Format {@code K} + 9 digits, the last a Luhn check digit so typos are caught before a lookup.
 * Numbers are random (not sequential), so they reveal neither the customer count nor neighbours;
 * URLs still use {@link AccountId}, never the customer number.
 */
public record CustomerNumber(String value) {

	private static final Pattern FORMAT = Pattern.compile("K\\d{9}");

	public CustomerNumber {
		Objects.requireNonNull(value, "value");
		if (!FORMAT.matcher(value).matches() || !luhnValid(value.substring(1))) {
			throw new IllegalArgumentException("not a customer number");
		}
	}

	/** Builds a number from 8 random digits by appending the check digit. */
	public static CustomerNumber fromDigits(String eightDigits) {
		if (!eightDigits.matches("\\d{8}")) {
			throw new IllegalArgumentException("eight digits expected");
		}
		return new CustomerNumber("K" + eightDigits + luhnCheckDigit(eightDigits));
	}

	public static boolean isWellFormed(String text) {
		return FORMAT.matcher(text).matches() && luhnValid(text.substring(1));
	}

	static int luhnCheckDigit(String digits) {
		int sum = 0;
		for (int i = 0; i < digits.length(); i++) {
			int d = digits.charAt(digits.length() - 1 - i) - '0';
			if (i % 2 == 0) {
				d *= 2;
				if (d > 9) {
					d -= 9;
				}
			}
			sum += d;
		}
		return (10 - sum % 10) % 10;
	}

	private static boolean luhnValid(String digits) {
		String payload = digits.substring(0, digits.length() - 1);
		return luhnCheckDigit(payload) == digits.charAt(digits.length() - 1) - '0';
	}

	@Override
	public String toString() {
		return value;
	}
}
