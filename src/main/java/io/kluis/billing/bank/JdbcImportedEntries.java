package io.kluis.billing.bank;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcImportedEntries implements ImportedEntries {

	private final JdbcClient jdbc;

	JdbcImportedEntries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean contains(String entryKey) {
		return jdbc.sql("select count(*) from billing_bank_entries where entry_key = ?")
			.param(entryKey)
			.query(Integer.class)
			.single() > 0;
	}

	@Override
	public boolean add(String entryKey, StatementEntry.Position position, LocalDate bookingDate, BigDecimal amount,
			String currency, @Nullable String reference, String outcome, Instant importedAt) {
		// "on conflict do nothing" (not catching a duplicate key), so a concurrent import leaves the
		// transaction usable on PostgreSQL.
		return jdbc
			.sql("insert into billing_bank_entries (entry_key, statement_id, entry_number, booking_date, amount, currency, "
				+ "payable_reference, outcome, imported_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")
			.params(entryKey, position.statementId(), position.entryIndex(), Date.valueOf(bookingDate), amount, currency,
					reference, outcome, Timestamp.from(importedAt))
			.update() == 1;
	}
}
