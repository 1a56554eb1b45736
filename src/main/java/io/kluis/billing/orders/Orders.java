package io.kluis.billing.orders;

import io.kluis.billing.BillingPeriod;
import io.kluis.billing.PlanTerms;
import io.kluis.billing.ProductKind;
import io.kluis.shared.AccountId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The orders ({@code billing_orders}). */
@Repository
public class Orders {

	private final JdbcClient jdbc;

	Orders(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Order o) {
		PlanTerms t = o.terms();
		jdbc.sql("insert into billing_orders (id, account_id, plan_id, kind, product_name, plan_name, period, price, "
				+ "currency, quota_bytes, terms_version, terms_accepted_at, channel, subscription_id, ordered_at) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(o.id(), o.account().value(), t.planId(), t.kind().name(), t.productName(), t.planName(),
					t.period().name(), t.price(), o.currency(), t.quotaBytes(), o.termsVersion(),
					Timestamp.from(o.termsAcceptedAt()), o.channel().name(), o.subscriptionId(),
					Timestamp.from(o.orderedAt()))
			.update();
	}

	public Optional<Order> find(UUID id) {
		return jdbc.sql("select * from billing_orders where id = ?").param(id).query(this::map).optional();
	}

	public List<Order> of(AccountId account) {
		return jdbc.sql("select * from billing_orders where account_id = ? order by ordered_at, id")
			.param(account.value())
			.query(this::map)
			.list();
	}

	public int deleteOf(AccountId account) {
		return jdbc.sql("delete from billing_orders where account_id = ?").param(account.value()).update();
	}

	/** Deletes the orders that created these subscriptions (retention after the subscription ended). */
	public int deleteForSubscription(UUID subscription) {
		return jdbc.sql("delete from billing_orders where subscription_id = ?").param(subscription).update();
	}

	private Order map(ResultSet rs, int row) throws SQLException {
		long quota = rs.getLong("quota_bytes");
		Long quotaBytes = rs.wasNull() ? null : quota;
		var terms = new PlanTerms(rs.getObject("plan_id", UUID.class), ProductKind.valueOf(rs.getString("kind")),
				rs.getString("product_name"), rs.getString("plan_name"), BillingPeriod.valueOf(rs.getString("period")),
				rs.getBigDecimal("price").setScale(2), quotaBytes);
		return new Order(rs.getObject("id", UUID.class), new AccountId(rs.getObject("account_id", UUID.class)), terms,
				rs.getString("currency"), rs.getString("terms_version"), instant(rs, "terms_accepted_at"),
				Order.Channel.valueOf(rs.getString("channel")), rs.getObject("subscription_id", UUID.class),
				instant(rs, "ordered_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getTimestamp(column).toInstant();
	}
}
