package io.kluis.billing.bank;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** The bank entries already applied ({@code billing_bank_entries}), so no entry pays twice. */
interface ImportedEntries {

	boolean contains(String entryKey);

	/** Records the entry as applied; false when another import recorded it first. */
	boolean add(String entryKey, StatementEntry.Position position, LocalDate bookingDate, BigDecimal amount,
			String currency, @Nullable String reference, String outcome, Instant importedAt);
}
