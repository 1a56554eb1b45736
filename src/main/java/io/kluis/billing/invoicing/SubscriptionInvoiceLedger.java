package io.kluis.billing.invoicing;

import io.kluis.billing.BillingPeriod;
import io.kluis.billing.SubscriptionRef;
import io.kluis.billing.invoices.InvoiceId;
import io.kluis.shared.AccountId;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code billing_subscription_invoices} table: one row per invoice (or credit) a subscription owes,
 * keyed by subscription, kind and period start, so recording the same obligation twice (a redelivered
 * event, a second node) is a no-op.
 */
@Repository
public class SubscriptionInvoiceLedger {

	enum Kind {
		/** A term of the subscription, billed in advance. */
		TERM,
		/** The rest of a term after a plan change: the proration. */
		PLAN_CHANGE
	}

	enum Status {
		PENDING, ISSUED, FAILED
	}

	/** The key of an obligation. */
	record Key(SubscriptionRef subscription, Kind kind, Instant periodStart) {

		Key {
			// As stored: the database keeps microseconds.
			periodStart = micros(periodStart);
		}
	}

	/**
	 * An obligation. For {@link Kind#TERM} {@code amount} is the term's price and {@code termStart} equals
	 * {@code periodStart}; for {@link Kind#PLAN_CHANGE} it is the signed proration, {@code periodStart} the
	 * moment of the change and {@code termStart} the start of the term it belongs to.
	 */
	record Obligation(Key key, Instant periodEnd, Instant termStart, AccountId account, String productName,
			String planName, @Nullable String fromPlanName, BillingPeriod billingPeriod, BigDecimal amount, Status status,
			@Nullable InvoiceId invoice, int attempts) {

		Obligation {
			termStart = micros(termStart);
			periodEnd = micros(periodEnd);
		}

		SubscriptionRef subscription() {
			return key.subscription();
		}

		Kind kind() {
			return key.kind();
		}

		Instant periodStart() {
			return key.periodStart();
		}
	}

	private static final String COLUMNS = "subscription_id, kind, period_start, period_end, term_start, account_id, "
			+ "product_name, plan_name, from_plan_name, billing_period, amount, status, invoice_id, attempts";

	private final JdbcClient jdbc;

	SubscriptionInvoiceLedger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records a pending obligation; false when it was already recorded (by anyone, in any state). */
	boolean record(Obligation o, Instant now) {
		// ON CONFLICT keeps a PostgreSQL transaction usable when the row exists (or another node wins).
		return jdbc.sql("insert into billing_subscription_invoices (" + COLUMNS + ", next_attempt_at, created_at) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', null, 0, ?, ?) on conflict do nothing")
			.params(o.subscription().value(), o.kind().name(), ts(o.periodStart()), ts(o.periodEnd()), ts(o.termStart()),
					o.account().value(), o.productName(), o.planName(), o.fromPlanName(), o.billingPeriod().name(),
					o.amount(), ts(now), ts(now))
			.update() == 1;
	}

	/** The obligation, locked until the transaction ends (so one issuer at a time, on any node). */
	Optional<Obligation> lock(Key key) {
		return jdbc.sql("select " + COLUMNS + " from billing_subscription_invoices "
				+ "where subscription_id = ? and kind = ? and period_start = ? for update")
			.params(key.subscription().value(), key.kind().name(), ts(key.periodStart()))
			.query(SubscriptionInvoiceLedger::obligation)
			.optional();
	}

	Optional<Obligation> find(Key key) {
		return jdbc.sql("select " + COLUMNS + " from billing_subscription_invoices "
				+ "where subscription_id = ? and kind = ? and period_start = ?")
			.params(key.subscription().value(), key.kind().name(), ts(key.periodStart()))
			.query(SubscriptionInvoiceLedger::obligation)
			.optional();
	}

	/** Pending obligations due at {@code now}, oldest first. */
	List<Key> due(Instant now, int limit) {
		return jdbc.sql("select subscription_id, kind, period_start from billing_subscription_invoices "
				+ "where status = 'PENDING' and next_attempt_at <= :now order by next_attempt_at, created_at "
				+ "fetch first :limit rows only")
			.param("now", ts(now))
			.param("limit", limit)
			.query((rs, i) -> new Key(new SubscriptionRef(rs.getObject(1, UUID.class)), Kind.valueOf(rs.getString(2)),
					rs.getTimestamp(3).toInstant()))
			.list();
	}

	/**
	 * The invoices issued for the subscription's term that started at {@code termStart}: the term's own
	 * invoice and those of upgrades within it, newest first (where a downgrade's credit goes).
	 */
	List<InvoiceId> invoicesOfTerm(SubscriptionRef subscription, Instant termStart) {
		return jdbc.sql("select invoice_id from billing_subscription_invoices where subscription_id = ? and term_start = ? "
				+ "and status = 'ISSUED' and amount > 0 order by period_start desc, kind desc")
			.params(subscription.value(), ts(termStart))
			.query((rs, i) -> new InvoiceId(rs.getObject(1, UUID.class)))
			.list();
	}

	void markIssued(Key key, InvoiceId invoice, Instant now) {
		jdbc.sql("update billing_subscription_invoices set status = 'ISSUED', invoice_id = ?, issued_at = ?, "
				+ "attempts = attempts + 1, last_error_code = null where subscription_id = ? and kind = ? and period_start = ?")
			.params(invoice.value(), ts(now), key.subscription().value(), key.kind().name(), ts(key.periodStart()))
			.update();
	}

	/** Another attempt later ({@code status} PENDING) or none ({@code status} FAILED, for staff to look at). */
	void markAttempt(Key key, Status status, Instant nextAttempt, String errorCode) {
		jdbc.sql("update billing_subscription_invoices set status = ?, attempts = attempts + 1, next_attempt_at = ?, "
				+ "last_error_code = ? where subscription_id = ? and kind = ? and period_start = ? and status = 'PENDING'")
			.params(status.name(), ts(nextAttempt), errorCode.length() <= 64 ? errorCode : errorCode.substring(0, 64),
					key.subscription().value(), key.kind().name(), ts(key.periodStart()))
			.update();
	}

	/**
	 * What became of the obligations since {@code since} (an invoice run's start), whoever issued them (the
	 * run, or the listeners after each renewal's commit): issued since then, marked failed since then (a
	 * failure sets {@code next_attempt_at} to its moment), and postponed (pending, tried, next attempt after
	 * {@code now}).
	 */
	RunSummary summarySince(Instant since, Instant now) {
		return jdbc.sql("select "
				+ "coalesce(sum(case when status = 'ISSUED' and issued_at >= :since then 1 else 0 end), 0), "
				+ "coalesce(sum(case when status = 'FAILED' and next_attempt_at >= :since then 1 else 0 end), 0), "
				+ "coalesce(sum(case when status = 'PENDING' and attempts > 0 and next_attempt_at > :now then 1 else 0 end), 0) "
				+ "from billing_subscription_invoices")
			.param("since", ts(since))
			.param("now", ts(now))
			.query((rs, i) -> new RunSummary(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
			.single();
	}

	record RunSummary(long issued, long failed, long postponed) {
	}

	/**
	 * Erasure (with the subscriptions, category {@code subscriptions}): the account's rows go. The invoices
	 * issued stay, as the fiscal record, under their own rules (RET-3).
	 */
	public int deleteOf(AccountId account) {
		return jdbc.sql("delete from billing_subscription_invoices where account_id = ?").param(account.value()).update();
	}

	/** Retention: a deleted subscription's rows go with it. */
	public int deleteForSubscription(UUID subscription) {
		return jdbc.sql("delete from billing_subscription_invoices where subscription_id = ?").param(subscription).update();
	}

	private static Obligation obligation(ResultSet rs, int row) throws SQLException {
		UUID invoice = rs.getObject(13, UUID.class);
		return new Obligation(
				new Key(new SubscriptionRef(rs.getObject(1, UUID.class)), Kind.valueOf(rs.getString(2)),
						rs.getTimestamp(3).toInstant()),
				rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), new AccountId(rs.getObject(6, UUID.class)),
				rs.getString(7), rs.getString(8), rs.getString(9), BillingPeriod.valueOf(rs.getString(10)),
				rs.getBigDecimal(11), Status.valueOf(rs.getString(12)), invoice == null ? null : new InvoiceId(invoice),
				rs.getInt(14));
	}

	static Instant micros(Instant instant) {
		return instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
	}

	private static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}
}
