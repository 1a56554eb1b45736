package io.kluis.billing.subscriptions;

import io.kluis.billing.BillingPeriod;
import io.kluis.billing.PlanTerms;
import io.kluis.billing.ProductKind;
import io.kluis.billing.SubscriptionStatus;
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

/** The subscriptions ({@code billing_subscriptions}) and plan changes ({@code billing_plan_changes}). */
@Repository("billingSubscriptionRows")
public class Subscriptions {

	private final JdbcClient jdbc;

	Subscriptions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts a subscription. A live storage subscription also sets {@code live_storage_account}, whose
	 * unique index lets only one of them exist per account, whatever runs at the same time.
	 * @throws org.springframework.dao.DuplicateKeyException when the account already has a live storage
	 * subscription (on PostgreSQL the transaction is then unusable: let it roll back)
	 */
	void insert(Subscription s) {
		PlanTerms t = s.terms();
		UUID liveStorage = t.kind() == ProductKind.STORAGE && s.status().live() ? s.account().value() : null;
		jdbc.sql("insert into billing_subscriptions (id, account_id, order_id, plan_id, kind, product_name, plan_name, "
				+ "period, price, quota_bytes, status, period_start, period_end, cancelled_at, ended_at, created_at, "
				+ "live_storage_account) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(s.id(), s.account().value(), s.orderId(), t.planId(), t.kind().name(), t.productName(), t.planName(),
					t.period().name(), t.price(), t.quotaBytes(), s.status().name(), ts(s.periodStart()),
					ts(s.periodEnd()), ts(s.cancelledAt()), ts(s.endedAt()), ts(s.createdAt()), liveStorage)
			.update();
	}

	void update(Subscription s) {
		PlanTerms t = s.terms();
		jdbc.sql("update billing_subscriptions set plan_id = ?, kind = ?, product_name = ?, plan_name = ?, period = ?, "
				+ "price = ?, quota_bytes = ?, status = ?, period_start = ?, period_end = ?, cancelled_at = ?, "
				+ "ended_at = ?, live_storage_account = case when ? then null else live_storage_account end where id = ?")
			.params(t.planId(), t.kind().name(), t.productName(), t.planName(), t.period().name(), t.price(),
					t.quotaBytes(), s.status().name(), ts(s.periodStart()), ts(s.periodEnd()), ts(s.cancelledAt()),
					ts(s.endedAt()), !s.status().live(), s.id())
			.update();
	}

	public Optional<Subscription> find(UUID id) {
		return jdbc.sql("select * from billing_subscriptions where id = ?").param(id).query(this::map).optional();
	}

	/** Locks the row until the transaction ends (the job and a customer's request never interleave). */
	Optional<Subscription> lock(UUID id) {
		return jdbc.sql("select * from billing_subscriptions where id = ? for update").param(id).query(this::map).optional();
	}

	public List<Subscription> of(AccountId account) {
		return jdbc.sql("select * from billing_subscriptions where account_id = ? order by created_at, id")
			.param(account.value())
			.query(this::map)
			.list();
	}

	/** Live subscriptions whose term ended at or before {@code now}, oldest first. */
	List<UUID> dueAt(Instant now, int limit) {
		return jdbc.sql("select id from billing_subscriptions where status <> 'ENDED' and period_end <= ? "
				+ "order by period_end, id fetch first ? rows only")
			.params(ts(now), limit)
			.query(UUID.class)
			.list();
	}

	void recordChange(UUID subscription, AccountId account, PlanTerms from, PlanTerms to, BigDecimal proration,
			Instant at) {
		jdbc.sql("insert into billing_plan_changes (id, subscription_id, account_id, from_plan_id, to_plan_id, "
				+ "from_price, to_price, proration, changed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(UUID.randomUUID(), subscription, account.value(), from.planId(), to.planId(), from.price(), to.price(),
					proration, ts(at))
			.update();
	}

	/** The plan changes of a customer, for the export: subscription, plans, prices, proration and when. */
	public List<java.util.Map<String, Object>> changesOf(AccountId account) {
		return jdbc.sql("select subscription_id, from_plan_id, to_plan_id, from_price, to_price, proration, changed_at "
				+ "from billing_plan_changes where account_id = ? order by changed_at")
			.param(account.value())
			.query((rs, i) -> {
				var row = new java.util.LinkedHashMap<String, Object>();
				row.put("subscription", rs.getObject(1, UUID.class).toString());
				row.put("fromPlan", rs.getObject(2, UUID.class).toString());
				row.put("toPlan", rs.getObject(3, UUID.class).toString());
				row.put("fromPrice", rs.getBigDecimal(4).setScale(2).toPlainString());
				row.put("toPrice", rs.getBigDecimal(5).setScale(2).toPlainString());
				row.put("proration", rs.getBigDecimal(6).setScale(2).toPlainString());
				row.put("changedAt", rs.getTimestamp(7).toInstant().toString());
				return (java.util.Map<String, Object>) row;
			})
			.list();
	}

	/** Deletes every subscription and plan change of the customer; returns the number of subscriptions. */
	public int deleteOf(AccountId account) {
		jdbc.sql("delete from billing_plan_changes where account_id = ?").param(account.value()).update();
		return jdbc.sql("delete from billing_subscriptions where account_id = ?").param(account.value()).update();
	}

	/** The ids of subscriptions that ended before the cutoff. */
	public List<UUID> endedBefore(Instant cutoff) {
		return jdbc.sql("select id from billing_subscriptions where status = 'ENDED' and ended_at < ?")
			.param(ts(cutoff))
			.query(UUID.class)
			.list();
	}

	public void delete(UUID id) {
		jdbc.sql("delete from billing_plan_changes where subscription_id = ?").param(id).update();
		jdbc.sql("delete from billing_subscriptions where id = ?").param(id).update();
	}

	private Subscription map(ResultSet rs, int row) throws SQLException {
		long quota = rs.getLong("quota_bytes");
		Long quotaBytes = rs.wasNull() ? null : quota;
		var terms = new PlanTerms(rs.getObject("plan_id", UUID.class), ProductKind.valueOf(rs.getString("kind")),
				rs.getString("product_name"), rs.getString("plan_name"), BillingPeriod.valueOf(rs.getString("period")),
				rs.getBigDecimal("price").setScale(2), quotaBytes);
		return new Subscription(rs.getObject("id", UUID.class), new AccountId(rs.getObject("account_id", UUID.class)),
				rs.getObject("order_id", UUID.class), terms, SubscriptionStatus.valueOf(rs.getString("status")),
				instant(rs.getTimestamp("period_start")), instant(rs.getTimestamp("period_end")),
				instant(rs.getTimestamp("cancelled_at")), instant(rs.getTimestamp("ended_at")),
				instant(rs.getTimestamp("created_at")));
	}

	static @Nullable Timestamp ts(@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
