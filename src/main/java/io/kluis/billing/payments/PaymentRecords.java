package io.kluis.billing.payments;

import io.kluis.shared.AccountId;
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

/** The payments table ({@code billing_payments}). */
@Repository
class PaymentRecords {

	private final JdbcClient jdbc;

	PaymentRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Payment p) {
		jdbc.sql("insert into billing_payments (id, account_id, provider, provider_payment_id, sequence_type, amount, "
				+ "currency, status, payable_reference, created_at, updated_at, paid_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(p.id().value(), p.account().value(), p.provider(), p.providerPaymentId(), p.sequenceType().name(),
					p.amount().value(), EuroAmount.CURRENCY, p.status().name(), p.payableReference(), ts(p.createdAt()),
					ts(p.updatedAt()), ts(p.paidAt()))
			.update();
	}

	Optional<Payment> find(PaymentId id) {
		return jdbc.sql("select * from billing_payments where id = ?").param(id.value()).query(PaymentRecords::map).optional();
	}

	Optional<Payment> findByProviderId(String provider, String providerPaymentId) {
		return jdbc.sql("select * from billing_payments where provider = ? and provider_payment_id = ?")
			.params(provider, providerPaymentId)
			.query(PaymentRecords::map)
			.optional();
	}

	/** Locks the row for a status change, so two webhook deliveries at once change it once. */
	Optional<Payment> lock(PaymentId id) {
		return jdbc.sql("select * from billing_payments where id = ? for update")
			.param(id.value())
			.query(PaymentRecords::map)
			.optional();
	}

	void updateStatus(PaymentId id, PaymentStatus status, Instant updatedAt, @Nullable Instant paidAt) {
		jdbc.sql("update billing_payments set status = ?, updated_at = ?, paid_at = ? where id = ?")
			.params(status.name(), ts(updatedAt), ts(paidAt), id.value())
			.update();
	}

	/** Sets the provider's id of a payment that was {@link PaymentStatus#CREATING}, with the provider's status. */
	void attach(PaymentId id, String providerPaymentId, PaymentStatus status, Instant updatedAt) {
		jdbc.sql("update billing_payments set provider_payment_id = ?, status = ?, updated_at = ? where id = ? "
				+ "and provider_payment_id is null")
			.params(providerPaymentId, status.name(), ts(updatedAt), id.value())
			.update();
	}

	boolean anyCreating(String provider) {
		return jdbc.sql("select count(*) from billing_payments where provider = ? and status = 'CREATING'")
			.param(provider)
			.query(Integer.class)
			.single() > 0;
	}

	List<Payment> of(AccountId account) {
		return jdbc.sql("select * from billing_payments where account_id = ? order by created_at, id")
			.param(account.value())
			.query(PaymentRecords::map)
			.list();
	}

	List<Payment> forPayable(String payableReference) {
		return jdbc.sql("select * from billing_payments where payable_reference = ? order by created_at, id")
			.param(payableReference)
			.query(PaymentRecords::map)
			.list();
	}

	/** Payments whose fiscal year ended before the cutoff (created before 1 January of the cutoff's year). */
	int deleteCreatedBefore(Instant startOfYear, boolean dryRun) {
		if (dryRun) {
			return jdbc.sql("select count(*) from billing_payments where created_at < ?")
				.param(ts(startOfYear))
				.query(Integer.class)
				.single();
		}
		return jdbc.sql("delete from billing_payments where created_at < ?").param(ts(startOfYear)).update();
	}

	private static Payment map(ResultSet rs, int row) throws SQLException {
		Timestamp paid = rs.getTimestamp("paid_at");
		return new Payment(new PaymentId(rs.getObject("id", UUID.class)), new AccountId(rs.getObject("account_id", UUID.class)),
				rs.getString("provider"), rs.getString("provider_payment_id"), SequenceType.valueOf(rs.getString("sequence_type")),
				new EuroAmount(rs.getBigDecimal("amount")), PaymentStatus.valueOf(rs.getString("status")),
				rs.getString("payable_reference"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant(), paid == null ? null : paid.toInstant());
	}

	private static @Nullable Timestamp ts(@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}
}
