package io.kluis.billing.bank;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One booked movement of a bank statement: an entry ({@code Ntry}), or one transaction of a batch
 * entry that lists several with their own amounts. The payer's name, IBAN and free-text remittance
 * lines are personal data: kept only in memory for matching, left out of {@link #toString()}.
 *
 * @param position where it is in the file
 * @param statementAccount the IBAN of the statement's own account (the provider's)
 * @param accountServicerReference the bank's unique reference of the entry ({@code AcctSvcrRef}), if given
 * @param structuredReference the creditor reference ({@code RmtInf/Strd/CdtrRefInf/Ref}), normalised
 * (spaces removed, upper case)
 * @param unstructured the free remittance lines ({@code RmtInf/Ustrd})
 * @param booked whether the bank booked it ({@code Sts} BOOK); camt.053 normally holds only booked entries
 */
public record StatementEntry(Position position, @Nullable String statementAccount,
		@Nullable String accountServicerReference, LocalDate bookingDate, BigDecimal amount, String currency,
		boolean credit, boolean booked, @Nullable String structuredReference, List<String> unstructured,
		@Nullable String debtorName, @Nullable String debtorIban) {

	public StatementEntry {
		unstructured = List.copyOf(unstructured);
	}

	/**
	 * Where an entry is: the statement's id, the entry's 1-based index in it, the transaction's 1-based
	 * index within a batch entry (0 for a plain entry) and the XML line its {@code Ntry} starts on.
	 */
	public record Position(String statementId, int entryIndex, int transactionIndex, long line) {

		@Override
		public String toString() {
			return statementId + " entry " + entryIndex + (transactionIndex > 0 ? "." + transactionIndex : "") + " (line "
					+ line + ")";
		}
	}

	@Override
	public String toString() {
		return "StatementEntry[" + position + ", " + (credit ? "credit " : "debit ") + currency + " " + amount.toPlainString()
				+ ", reference=" + structuredReference + "]";
	}
}
