package io.kluis.billing.invoices;

import io.kluis.billing.document.InvoiceDocument.Kind;
import io.kluis.billing.document.InvoiceDocument.Totals;
import io.kluis.billing.document.InvoiceDocument.VatBreakdown;
import io.kluis.billing.document.InvoiceDocument.VatCategory;
import io.kluis.shared.AccountId;
import io.kluis.shared.CustomerNumber;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Issued invoices and credit notes ({@code billing_invoices}, {@code billing_invoice_lines},
 * {@code billing_invoice_vat}). Insert and read only: the one update is erasure's {@link #minimise}.
 */
@Repository
class Invoices {

	static final String COLUMNS = "id, invoice_number, kind, account_id, customer_number, issued_at, issue_date, due_date, "
			+ "payment_reference, vat_scheme, buyer_country, tax_exclusive, vat_total, tax_inclusive, preceding_id, "
			+ "preceding_number, minimised_at";

	private final JdbcClient jdbc;

	Invoices(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Everything stored about one document (the sealed buyer as bytes). */
	record Stored(UUID id, String number, int fiscalYear, long sequence, Kind kind, AccountId account,
			CustomerNumber customerNumber, @Nullable UUID precedingId, @Nullable String precedingNumber,
			@Nullable LocalDate precedingDate, @Nullable String creditReason, Instant issuedAt, LocalDate issueDate,
			@Nullable LocalDate dueDate, @Nullable LocalDate periodStart, @Nullable LocalDate periodEnd, String language,
			String currency, String paymentReference, VatScheme vatScheme, @Nullable String viesReference,
			String buyerCountry, UUID fiscalSubject, byte[] buyerSealed, byte @Nullable [] buyerEmailSealed,
			byte @Nullable [] buyerEmailIndex,
			String sellerJson, Totals totals, @Nullable String note, @Nullable Instant minimisedAt) {

		@Override
		public String toString() {
			return "Stored[" + kind + " " + number + "]";
		}
	}

	record StoredLine(int lineNo, String description, BigDecimal quantity, String unitCode, BigDecimal unitPrice,
			BigDecimal netAmount, VatCategory category, BigDecimal ratePercent, @Nullable LocalDate periodStart,
			@Nullable LocalDate periodEnd, @Nullable String sourceReference) {
	}

	void insert(Stored s, List<StoredLine> lines, List<VatBreakdown> vat) {
		jdbc.sql("insert into billing_invoices (id, invoice_number, fiscal_year, sequence_number, kind, account_id, "
				+ "customer_number, preceding_id, preceding_number, preceding_date, credit_reason, issued_at, issue_date, "
				+ "due_date, period_start, period_end, buyer_language, currency, payment_reference, vat_scheme, vies_reference, "
				+ "buyer_country, fiscal_subject_id, buyer_sealed, buyer_email_sealed, buyer_email_index, seller_json, line_total, tax_exclusive, "
				+ "vat_total, tax_inclusive, note) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
				+ "?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(s.id(), s.number(), s.fiscalYear(), s.sequence(), s.kind().name(), s.account().value(),
					s.customerNumber().value(), s.precedingId(), s.precedingNumber(), date(s.precedingDate()),
					s.creditReason(), Timestamp.from(s.issuedAt()), date(s.issueDate()), date(s.dueDate()),
					date(s.periodStart()), date(s.periodEnd()), s.language(), s.currency(), s.paymentReference(),
					s.vatScheme().name(), s.viesReference(), s.buyerCountry(), s.fiscalSubject(), s.buyerSealed(),
					s.buyerEmailSealed(), s.buyerEmailIndex(), s.sellerJson(), s.totals().lineTotal(), s.totals().taxExclusive(),
					s.totals().vatTotal(), s.totals().taxInclusive(), s.note())
			.update();
		for (var line : lines) {
			jdbc.sql("insert into billing_invoice_lines (invoice_id, line_no, description, quantity, unit_code, unit_price, "
					+ "net_amount, vat_category, vat_rate, period_start, period_end, source_ref) "
					+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
				.params(s.id(), line.lineNo(), line.description(), line.quantity(), line.unitCode(), line.unitPrice(),
						line.netAmount(), line.category().code(), line.ratePercent(), date(line.periodStart()),
						date(line.periodEnd()), line.sourceReference())
				.update();
		}
		for (var v : vat) {
			jdbc.sql("insert into billing_invoice_vat (invoice_id, vat_category, vat_rate, taxable_amount, tax_amount, "
					+ "exemption_reason) values (?, ?, ?, ?, ?, ?)")
				.params(s.id(), v.category().code(), v.ratePercent(), v.taxableAmount(), v.taxAmount(), v.exemptionReason())
				.update();
		}
	}

	Optional<IssuedInvoice> find(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from billing_invoices where id = ?").param(id).query(Invoices::issued)
			.optional();
	}

	Optional<IssuedInvoice> findByNumber(String number) {
		return jdbc.sql("select " + COLUMNS + " from billing_invoices where invoice_number = ?").param(number)
			.query(Invoices::issued)
			.optional();
	}

	Optional<IssuedInvoice> findByPaymentReference(String reference) {
		return jdbc.sql("select " + COLUMNS + " from billing_invoices where payment_reference = ? and kind = 'INVOICE'")
			.param(reference)
			.query(Invoices::issued)
			.optional();
	}

	List<IssuedInvoice> of(AccountId account) {
		return jdbc.sql("select " + COLUMNS + " from billing_invoices where account_id = ? order by issued_at desc, "
				+ "fiscal_year desc, sequence_number desc")
			.param(account.value())
			.query(Invoices::issued)
			.list();
	}

	/**
	 * Staff search: any of the filters may be null. {@code numberOrCustomer} matches an invoice number
	 * prefix or a customer number exactly.
	 */
	List<IssuedInvoice> search(@Nullable String numberOrCustomer, @Nullable LocalDate from, @Nullable LocalDate to,
			int limit) {
		var sql = new StringBuilder("select " + COLUMNS + " from billing_invoices where 1 = 1");
		var params = new ArrayList<Object>();
		if (numberOrCustomer != null) {
			sql.append(" and (invoice_number like ? or customer_number = ?)");
			params.add(numberOrCustomer.replace("%", "").replace("_", "") + "%");
			params.add(numberOrCustomer);
		}
		if (from != null) {
			sql.append(" and issue_date >= ?");
			params.add(date(from));
		}
		if (to != null) {
			sql.append(" and issue_date <= ?");
			params.add(date(to));
		}
		sql.append(" order by fiscal_year, sequence_number fetch first ").append(limit).append(" rows only");
		return jdbc.sql(sql.toString()).params(params).query(Invoices::issued).list();
	}

	Optional<Stored> stored(UUID id) {
		return jdbc.sql("select * from billing_invoices where id = ?").param(id).query(Invoices::stored).optional();
	}

	List<StoredLine> lines(UUID id) {
		return jdbc.sql("select * from billing_invoice_lines where invoice_id = ? order by line_no")
			.param(id)
			.query((rs, n) -> new StoredLine(rs.getInt("line_no"), rs.getString("description"),
					rs.getBigDecimal("quantity"), rs.getString("unit_code"), rs.getBigDecimal("unit_price"),
					rs.getBigDecimal("net_amount"), category(rs.getString("vat_category")), rs.getBigDecimal("vat_rate"),
					localDate(rs.getDate("period_start")), localDate(rs.getDate("period_end")), rs.getString("source_ref")))
			.list();
	}

	List<VatBreakdown> vat(UUID id) {
		return jdbc.sql("select * from billing_invoice_vat where invoice_id = ? order by vat_category, vat_rate desc")
			.param(id)
			.query((rs, n) -> new VatBreakdown(category(rs.getString("vat_category")), rs.getBigDecimal("vat_rate"),
					rs.getBigDecimal("taxable_amount"), rs.getBigDecimal("tax_amount"), rs.getString("exemption_reason")))
			.list();
	}

	/** The total (incl. VAT) of the credit notes already issued for an invoice. */
	BigDecimal credited(UUID invoice) {
		return jdbc.sql("select coalesce(sum(tax_inclusive), 0) from billing_invoices where preceding_id = ?")
			.param(invoice)
			.query(BigDecimal.class)
			.single();
	}

	/** The ids of an account's documents, for erasure and export. */
	List<UUID> idsOf(AccountId account) {
		return jdbc.sql("select id from billing_invoices where account_id = ? order by fiscal_year, sequence_number")
			.param(account.value())
			.query(UUID.class)
			.list();
	}

	/** The ids of the documents issued to this email address (its blind index), for former customers (RIG-8). */
	List<UUID> idsOfEmail(byte[] index) {
		return jdbc.sql("select id from billing_invoices where buyer_email_index = ? order by fiscal_year, sequence_number")
			.param(index)
			.query(UUID.class)
			.list();
	}

	/** Erasure of one document (found by address): clears the email. */
	int minimise(UUID id, Instant now) {
		return jdbc.sql("update billing_invoices set buyer_email_sealed = null, minimised_at = ? "
				+ "where id = ? and minimised_at is null")
			.params(Timestamp.from(now), id)
			.update();
	}

	/** Erasure (RET-3): drops what art. 226 does not require (the email); returns how many were minimised now. */
	int minimise(AccountId account, Instant now) {
		return jdbc.sql("update billing_invoices set buyer_email_sealed = null, minimised_at = ? "
				+ "where account_id = ? and minimised_at is null")
			.params(Timestamp.from(now), account.value())
			.update();
	}

	/** The fiscal subjects whose documents all belong to fiscal years up to {@code lastYear}. */
	List<UUID> fiscalSubjectsUpTo(int lastYear) {
		return jdbc.sql("select distinct fiscal_subject_id from billing_invoices where fiscal_year <= ?")
			.param(lastYear)
			.query(UUID.class)
			.list();
	}

	int countUpTo(int lastYear) {
		return jdbc.sql("select count(*) from billing_invoices where fiscal_year <= ?").param(lastYear)
			.query(Integer.class)
			.single();
	}

	int deleteUpTo(int lastYear) {
		return jdbc.sql("delete from billing_invoices where fiscal_year <= ?").param(lastYear).update();
	}

	private static IssuedInvoice issued(ResultSet rs, int n) throws SQLException {
		String preceding = rs.getString("preceding_id");
		return new IssuedInvoice(new InvoiceId(rs.getObject("id", UUID.class)), Kind.valueOf(rs.getString("kind")),
				rs.getString("invoice_number"), new AccountId(rs.getObject("account_id", UUID.class)),
				new CustomerNumber(rs.getString("customer_number")), rs.getTimestamp("issued_at").toInstant(),
				rs.getDate("issue_date").toLocalDate(), localDate(rs.getDate("due_date")), rs.getString("payment_reference"),
				VatScheme.valueOf(rs.getString("vat_scheme")), rs.getString("buyer_country"),
				rs.getBigDecimal("tax_exclusive"), rs.getBigDecimal("vat_total"), rs.getBigDecimal("tax_inclusive"),
				preceding == null ? null : new InvoiceId(rs.getObject("preceding_id", UUID.class)),
				rs.getString("preceding_number"), instant(rs.getTimestamp("minimised_at")));
	}

	private static Stored stored(ResultSet rs, int n) throws SQLException {
		String preceding = rs.getString("preceding_id");
		return new Stored(rs.getObject("id", UUID.class), rs.getString("invoice_number"), rs.getInt("fiscal_year"),
				rs.getLong("sequence_number"), Kind.valueOf(rs.getString("kind")),
				new AccountId(rs.getObject("account_id", UUID.class)), new CustomerNumber(rs.getString("customer_number")),
				preceding == null ? null : rs.getObject("preceding_id", UUID.class), rs.getString("preceding_number"),
				localDate(rs.getDate("preceding_date")), rs.getString("credit_reason"),
				rs.getTimestamp("issued_at").toInstant(), rs.getDate("issue_date").toLocalDate(),
				localDate(rs.getDate("due_date")), localDate(rs.getDate("period_start")),
				localDate(rs.getDate("period_end")), rs.getString("buyer_language"), rs.getString("currency"),
				rs.getString("payment_reference"), VatScheme.valueOf(rs.getString("vat_scheme")),
				rs.getString("vies_reference"), rs.getString("buyer_country"),
				rs.getObject("fiscal_subject_id", UUID.class), rs.getBytes("buyer_sealed"),
				rs.getBytes("buyer_email_sealed"), rs.getBytes("buyer_email_index"), rs.getString("seller_json"),
				new Totals(rs.getBigDecimal("line_total"), rs.getBigDecimal("tax_exclusive"), rs.getBigDecimal("vat_total"),
						rs.getBigDecimal("tax_inclusive"), BigDecimal.ZERO.setScale(2), rs.getBigDecimal("tax_inclusive")),
				rs.getString("note"), instant(rs.getTimestamp("minimised_at")));
	}

	static VatCategory category(String code) {
		return Arrays.stream(VatCategory.values()).filter(c -> c.code().equals(code)).findFirst()
			.orElseThrow(() -> new IllegalStateException("unknown VAT category code"));
	}

	private static @Nullable Date date(@Nullable LocalDate date) {
		return date == null ? null : Date.valueOf(date);
	}

	private static @Nullable LocalDate localDate(@Nullable Date date) {
		return date == null ? null : date.toLocalDate();
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
