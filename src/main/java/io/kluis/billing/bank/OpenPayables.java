package io.kluis.billing.bank;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What a bank statement's credits pay: implemented by invoicing (an open invoice, found by the
 * structured payment reference printed on it). The import calls these inside one transaction per
 * entry, together with recording the entry as applied, so an implementation that writes through the
 * same database either commits with it or not at all.
 */
public interface OpenPayables {

	/**
	 * The open payable with this structured reference (normalised: no spaces, upper case), or empty
	 * when there is none or it is already paid.
	 */
	Optional<Payable> findByReference(String reference);

	/**
	 * The payable is paid in full by this bank entry (an amount equal to, or more than, what was open).
	 *
	 * @param bankEntry the import's key of the entry, for the payable's own record and idempotence
	 */
	void markPaid(String reference, BigDecimal amount, LocalDate bookedOn, String bankEntry);

	/** Part of the open amount arrived by this bank entry; the payable stays open for the rest. */
	void recordPartial(String reference, BigDecimal amount, LocalDate bookedOn, String bankEntry);

	/** An open payable: its reference and the amount still open in euros. */
	record Payable(String reference, BigDecimal amountOpen) {
	}
}
