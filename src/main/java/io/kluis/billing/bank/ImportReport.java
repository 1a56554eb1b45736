package io.kluis.billing.bank;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one statement import did. Only credits are applied; everything not applied is listed with its
 * position so staff can find it in the bank's file. Holds no personal data: positions, amounts and
 * payment references only (never the payer's name, IBAN or free text).
 *
 * @param matched credits that paid their payable in full (including overpayments: see {@code excess})
 * @param partial credits below the open amount: recorded as part payments, the payable stays open
 * @param unknown credits that match no open payable (no structured reference, an unknown one, or not EUR)
 * @param alreadyImported credits applied by an earlier import of this or an overlapping statement
 * @param malformed entries that could not be read, with what was wrong
 * @param debitsIgnored debits (outgoing money): not Kluis' business here
 * @param notBooked entries the bank had not booked (status other than BOOK)
 */
public record ImportReport(String namespace, int statements, int entries, List<Line> matched, List<Line> partial,
		List<Line> unknown, List<Line> alreadyImported, List<Problem> malformed, int debitsIgnored, int notBooked) {

	public ImportReport {
		matched = List.copyOf(matched);
		partial = List.copyOf(partial);
		unknown = List.copyOf(unknown);
		alreadyImported = List.copyOf(alreadyImported);
		malformed = List.copyOf(malformed);
	}

	/**
	 * One credit and what became of it.
	 * @param amountOpen what the payable had open before this credit ({@code null} when none was found)
	 * @param excess what was paid beyond the open amount (to refund or settle), {@code null} when none
	 * @param reason why it was not applied (unknown entries)
	 */
	public record Line(String statementId, int entryIndex, int transactionIndex, long line, @Nullable String reference,
			BigDecimal amount, String currency, @Nullable BigDecimal amountOpen, @Nullable BigDecimal excess,
			@Nullable String reason) {
	}

	/** A malformed entry: where and what was wrong. */
	public record Problem(String statementId, int entryIndex, long line, String problem) {
	}
}
