package io.kluis.billing.invoices;

/**
 * The structured payment reference of an invoice: a Dutch "betalingskenmerk" (Currence standard),
 * 16 digits, the first a check digit over the other 15. Dutch banks check it when a customer types it
 * and carry it through to the bank statement unchanged (CAMT.053 {@code <Strd><CdtrRefInf><Ref>}), so
 * an import can match a payment to its invoice without reading free text.
 *
 * <p>The 15 digits are the invoice's year (4) and its number in that year (11, zero-padded): one
 * reference per invoice, derivable from the number. <b>Check digit</b>: the 15 digits are multiplied,
 * from the rightmost one leftwards, by the weights 2, 4, 8, 5, 10, 9, 7, 3, 6, 1, 2, 4, 8, 5, 10 (the
 * powers of 2 modulo 11); the check digit is 11 minus the sum modulo 11, where 11 becomes 0 and 10
 * becomes 1. Because every weight is non-zero modulo 11 and neighbouring weights differ, every single
 * wrong digit and every swap of two neighbouring digits changes the remainder and is caught (except
 * where 10 and 1 collide in the check digit itself).
 */
public final class PaymentReference {

	private static final int[] WEIGHTS = { 2, 4, 8, 5, 10, 9, 7, 3, 6, 1, 2, 4, 8, 5, 10 };

	private PaymentReference() {
	}

	/** The reference of the {@code sequence}-th invoice of {@code year}. */
	public static String of(int year, long sequence) {
		if (year < 1000 || year > 9999 || sequence < 1 || sequence > 99_999_999_999L) {
			throw new IllegalArgumentException("year or sequence out of range");
		}
		String payload = String.format("%04d%011d", year, sequence);
		return checkDigit(payload) + payload;
	}

	/** Whether the text (spaces and dots allowed, as people type it) is a well-formed reference. */
	public static boolean isValid(String text) {
		String digits = normalise(text);
		return digits.matches("\\d{16}") && checkDigit(digits.substring(1)) == digits.charAt(0) - '0';
	}

	/** The 16 digits without the spaces and dots people add. */
	public static String normalise(String text) {
		return text.replace(" ", "").replace(".", "");
	}

	/** The check digit over 15 digits. */
	static int checkDigit(String fifteenDigits) {
		if (!fifteenDigits.matches("\\d{15}")) {
			throw new IllegalArgumentException("15 digits expected");
		}
		int sum = 0;
		for (int i = 0; i < 15; i++) {
			sum += (fifteenDigits.charAt(14 - i) - '0') * WEIGHTS[i];
		}
		int check = 11 - sum % 11;
		return check == 11 ? 0 : check == 10 ? 1 : check;
	}
}
