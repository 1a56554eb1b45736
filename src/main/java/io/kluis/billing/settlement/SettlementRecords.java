package io.kluis.billing.settlement;

import io.kluis.billing.invoices.InvoiceId;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code billing_settlements}, and the open amount of an invoice computed from it. */
@Repository
class SettlementRecords {

	private final JdbcClient jdbc;

	SettlementRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean exists(SettlementSource source, String key) {
		return jdbc.sql("select count(*) from billing_settlements where source = ? and source_key = ?")
			.param(source.name())
			.param(key)
			.query(Integer.class)
			.single() > 0;
	}

	void insert(Settlement s) {
		jdbc.sql("insert into billing_settlements (id, invoice_id, amount, source, source_key, booked_at, recorded_at) "
				+ "values (?, ?, ?, ?, ?, ?, ?)")
			.params(s.id(), s.invoice().value(), s.amount(), s.source().name(), s.sourceKey(),
					Timestamp.from(s.bookedAt()), Timestamp.from(s.recordedAt()))
			.update();
	}

	List<Settlement> of(InvoiceId invoice) {
		return jdbc.sql("select id, invoice_id, amount, source, source_key, booked_at, recorded_at from billing_settlements "
				+ "where invoice_id = ? order by recorded_at, id")
			.param(invoice.value())
			.query(SettlementRecords::row)
			.list();
	}

	BigDecimal settled(InvoiceId invoice) {
		return jdbc.sql("select coalesce(sum(amount), 0) from billing_settlements where invoice_id = ?")
			.param(invoice.value())
			.query(BigDecimal.class)
			.single();
	}

	BigDecimal credited(InvoiceId invoice) {
		return jdbc.sql("select coalesce(sum(tax_inclusive), 0) from billing_invoices where preceding_id = ? "
				+ "and kind = 'CREDIT_NOTE'")
			.param(invoice.value())
			.query(BigDecimal.class)
			.single();
	}

	/**
	 * Total incl. VAT minus settlements minus credit notes, for many invoices (kind INVOICE only), in
	 * chunks of {@value #CHUNK} ids per query.
	 */
	Map<InvoiceId, BigDecimal> open(Collection<InvoiceId> invoices) {
		List<UUID> ids = invoices.stream().map(InvoiceId::value).distinct().toList();
		Map<InvoiceId, BigDecimal> open = new HashMap<>();
		for (int from = 0; from < ids.size(); from += CHUNK) {
			List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
			jdbc.sql("select i.id, i.tax_inclusive "
					+ "- coalesce((select sum(s.amount) from billing_settlements s where s.invoice_id = i.id), 0) "
					+ "- coalesce((select sum(c.tax_inclusive) from billing_invoices c where c.preceding_id = i.id "
					+ "and c.kind = 'CREDIT_NOTE'), 0) from billing_invoices i where i.kind = 'INVOICE' and i.id in (:ids)")
				.param("ids", chunk)
				.query(rs -> {
					open.put(new InvoiceId(rs.getObject(1, UUID.class)), rs.getBigDecimal(2));
				});
		}
		return open;
	}

	static final int CHUNK = 500;

	/** Locks the invoice's row (invoices are never updated) so settlements of one invoice follow each other. */
	Optional<UUID> lock(InvoiceId invoice) {
		return jdbc.sql("select id from billing_invoices where id = ? and kind = 'INVOICE' for update")
			.param(invoice.value())
			.query(UUID.class)
			.optional();
	}

	private static Settlement row(ResultSet rs, int n) throws SQLException {
		return new Settlement(rs.getObject("id", UUID.class), new InvoiceId(rs.getObject("invoice_id", UUID.class)),
				rs.getBigDecimal("amount"), SettlementSource.valueOf(rs.getString("source")), rs.getString("source_key"),
				instant(rs.getTimestamp("booked_at")), instant(rs.getTimestamp("recorded_at")));
	}

	private static Instant instant(Timestamp ts) {
		return ts.toInstant();
	}
}
