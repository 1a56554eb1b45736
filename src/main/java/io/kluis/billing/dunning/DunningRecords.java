package io.kluis.billing.dunning;

import io.kluis.billing.invoices.InvoiceId;
import io.kluis.shared.AccountId;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code billing_dunning_steps}, and the query for invoices that are overdue and still open. */
@Repository
class DunningRecords {

	/** One recorded step. */
	record Row(InvoiceId invoice, DunningStep step, AccountId account, Instant doneAt, @Nullable String agency,
			@Nullable UUID disclosure) {
	}

	/** In the order they were taken: by time, then by the schedule's order. */
	private static final java.util.Comparator<Row> ORDER = java.util.Comparator.comparing(Row::doneAt)
		.thenComparing(r -> r.invoice().value())
		.thenComparing(Row::step);

	private final JdbcClient jdbc;

	DunningRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Invoices (not credit notes) due on or before {@code dueOnOrBefore} with an amount open (total minus
	 * settlements minus credit notes) and not yet suspended, oldest due first.
	 */
	List<UUID> overdue(LocalDate dueOnOrBefore, int limit) {
		return jdbc.sql("select i.id from billing_invoices i where i.kind = 'INVOICE' and i.due_date is not null "
				+ "and i.due_date <= ? and i.tax_inclusive > "
				+ "coalesce((select sum(s.amount) from billing_settlements s where s.invoice_id = i.id), 0) + "
				+ "coalesce((select sum(c.tax_inclusive) from billing_invoices c where c.preceding_id = i.id "
				+ "and c.kind = 'CREDIT_NOTE'), 0) "
				+ "and not exists (select 1 from billing_dunning_steps d where d.invoice_id = i.id and d.step = 'SUSPENSION') "
				+ "order by i.due_date, i.id limit ?")
			.param(dueOnOrBefore)
			.param(limit)
			.query(UUID.class)
			.list();
	}

	/** Records a step; false when it was recorded before (by this or another node). */
	boolean add(InvoiceId invoice, DunningStep step, AccountId account, Instant at, @Nullable String agency,
			@Nullable UUID disclosure) {
		if (has(invoice, step)) {
			return false;
		}
		try {
			jdbc.sql("insert into billing_dunning_steps (invoice_id, step, account_id, done_at, agency, disclosure_id) "
					+ "values (?, ?, ?, ?, ?, ?)")
				.params(invoice.value(), step.name(), account.value(), Timestamp.from(at), agency, disclosure)
				.update();
			return true;
		}
		catch (DuplicateKeyException e) {
			return false;
		}
	}

	boolean has(InvoiceId invoice, DunningStep step) {
		return jdbc.sql("select count(*) from billing_dunning_steps where invoice_id = ? and step = ?")
			.param(invoice.value())
			.param(step.name())
			.query(Integer.class)
			.single() > 0;
	}

	List<Row> of(InvoiceId invoice) {
		return jdbc.sql("select invoice_id, step, account_id, done_at, agency, disclosure_id from billing_dunning_steps "
				+ "where invoice_id = ?")
			.param(invoice.value())
			.query(DunningRecords::row)
			.list()
			.stream()
			.sorted(ORDER)
			.toList();
	}

	List<Row> of(AccountId account) {
		return jdbc.sql("select invoice_id, step, account_id, done_at, agency, disclosure_id from billing_dunning_steps "
				+ "where account_id = ?")
			.param(account.value())
			.query(DunningRecords::row)
			.list()
			.stream()
			.sorted(ORDER)
			.toList();
	}

	int deleteFor(AccountId account) {
		return jdbc.sql("delete from billing_dunning_steps where account_id = ?").param(account.value()).update();
	}

	int deleteDoneBefore(Instant cutoff, boolean dryRun) {
		if (dryRun) {
			return jdbc.sql("select count(*) from billing_dunning_steps where done_at < ?")
				.param(Timestamp.from(cutoff))
				.query(Integer.class)
				.single();
		}
		return jdbc.sql("delete from billing_dunning_steps where done_at < ?").param(Timestamp.from(cutoff)).update();
	}

	private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Row(new InvoiceId(rs.getObject("invoice_id", UUID.class)), DunningStep.valueOf(rs.getString("step")),
				new AccountId(rs.getObject("account_id", UUID.class)), rs.getTimestamp("done_at").toInstant(),
				rs.getString("agency"), rs.getObject("disclosure_id", UUID.class));
	}
}
