package io.kluis.billing.invoices;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The gap-free counter per calendar year ({@code billing_invoice_counters}). {@link #lock} locks the
 * year's row ({@code select … for update}) in the caller's transaction, which also inserts the
 * invoice: a second issuer, on this node or another, waits until that transaction ends, and then reads
 * the committed value, so numbers are handed out in commit order; a rolled-back issue takes its
 * increment with it, so no number is lost. The year's row is created by the first issuer of the year,
 * in its own transaction ({@code insert … on conflict do nothing}): a concurrent first issuer, on any
 * node, waits on that insert until the first commits and then finds the row — no second connection is
 * needed, so a burst of first invoices on 1 January cannot exhaust the pool.
 */
@Repository
class InvoiceNumbers {

	private final JdbcClient jdbc;

	InvoiceNumbers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Locks the year's counter row until the transaction ends (creating the row first if the year has
	 * none yet). A second caller, on any node, waits here.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void lock(int year) {
		if (selectForUpdate(year).isEmpty()) {
			create(year);
			selectForUpdate(year).orElseThrow();
		}
	}

	/** The next number of a year {@link #lock locked} in this transaction, counted from 1. */
	@Transactional(propagation = Propagation.MANDATORY)
	long increment(int year) {
		long next = selectForUpdate(year).orElseThrow() + 1;
		jdbc.sql("update billing_invoice_counters set last_number = ? where fiscal_year = ?").params(next, year).update();
		return next;
	}

	private java.util.Optional<Long> selectForUpdate(int year) {
		return jdbc.sql("select last_number from billing_invoice_counters where fiscal_year = ? for update")
			.param(year)
			.query(Long.class)
			.optional();
	}

	private void create(int year) {
		try {
			jdbc.sql("insert into billing_invoice_counters (fiscal_year, last_number) values (?, 0) on conflict do nothing")
				.param(year)
				.update();
		}
		catch (DataIntegrityViolationException e) {
			// H2 may report a concurrent creation as a duplicate instead of doing nothing; it rolls back only
			// the statement, and the row is there (PostgreSQL never gets here: on conflict does nothing)
		}
	}

	/** The number as printed: {@code 2026-000042}. */
	static String format(int year, long sequence) {
		return String.format("%04d-%06d", year, sequence);
	}
}
