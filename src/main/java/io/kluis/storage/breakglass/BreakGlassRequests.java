package io.kluis.storage.breakglass;

import io.kluis.crypto.Sealed;
import io.kluis.shared.AccountId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rows of {@code storage_break_glass}. State changes are conditional updates on the state the
 * caller saw, so two staff members deciding at once, or two nodes expiring at once, change a request
 * once: the loser gets {@code false}.
 */
@Repository
class BreakGlassRequests {

	private final JdbcClient jdbc;

	BreakGlassRequests(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(BreakGlassRequest r) {
		jdbc.sql("insert into storage_break_glass (id, account_id, space_id, reason_sealed, duration_minutes, state, "
				+ "requested_by, requested_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(r.id(), r.account().value(), r.space(), r.reason() == null ? null : r.reason().bytes(),
					(int) r.duration().toMinutes(), r.state().name(), r.requestedBy().value(),
					Timestamp.from(r.requestedAt()))
			.update();
	}

	Optional<BreakGlassRequest> find(UUID id) {
		return jdbc.sql("select * from storage_break_glass where id = ?").param(id).query(BreakGlassRequests::map).optional();
	}

	/** Requests still requested or approved, and those ended since the instant, newest first. */
	List<BreakGlassRequest> recent(Instant endedSince, int limit) {
		return jdbc.sql("select * from storage_break_glass where state in ('REQUESTED', 'APPROVED') or ended_at >= ? "
				+ "order by requested_at desc fetch first " + limit + " rows only")
			.param(Timestamp.from(endedSince))
			.query(BreakGlassRequests::map)
			.list();
	}

	List<BreakGlassRequest> ofCustomer(AccountId customer) {
		return jdbc.sql("select * from storage_break_glass where account_id = ? order by requested_at")
			.param(customer.value())
			.query(BreakGlassRequests::map)
			.list();
	}

	List<BreakGlassRequest> involvingStaff(AccountId staff) {
		return jdbc.sql("select * from storage_break_glass where requested_by = ? or decided_by = ? or ended_by = ? "
				+ "order by requested_at")
			.params(staff.value(), staff.value(), staff.value())
			.query(BreakGlassRequests::map)
			.list();
	}

	boolean approve(UUID id, AccountId approver, Instant at, Instant expiresAt) {
		return jdbc.sql("update storage_break_glass set state = 'APPROVED', decided_by = ?, decided_at = ?, expires_at = ? "
				+ "where id = ? and state = 'REQUESTED'")
			.params(approver.value(), Timestamp.from(at), Timestamp.from(expiresAt), id)
			.update() == 1;
	}

	boolean decline(UUID id, AccountId staff, Instant at) {
		return jdbc.sql("update storage_break_glass set state = 'DECLINED', decided_by = ?, decided_at = ?, ended_by = ?, "
				+ "ended_at = ? where id = ? and state = 'REQUESTED'")
			.params(staff.value(), Timestamp.from(at), staff.value(), Timestamp.from(at), id)
			.update() == 1;
	}

	boolean revoke(UUID id, @Nullable AccountId staff, Instant at) {
		return jdbc.sql("update storage_break_glass set state = 'REVOKED', ended_by = ?, ended_at = ? "
				+ "where id = ? and state in ('REQUESTED', 'APPROVED')")
			.params(staff == null ? null : staff.value(), Timestamp.from(at), id)
			.update() == 1;
	}

	/** Marks the request expired if it still is in the state seen; the end is when it lapsed. */
	boolean expire(UUID id, BreakGlassState seen, Instant endedAt) {
		return jdbc.sql("update storage_break_glass set state = 'EXPIRED', ended_at = ? where id = ? and state = ?")
			.params(Timestamp.from(endedAt), id, seen.name())
			.update() == 1;
	}

	/** Open requests that have lapsed by now: approvals past their end, requests past the decision window. */
	List<BreakGlassRequest> lapsed(Instant now) {
		return jdbc.sql("select * from storage_break_glass where (state = 'APPROVED' and expires_at <= ?) "
				+ "or (state = 'REQUESTED' and requested_at <= ?)")
			.params(Timestamp.from(now), Timestamp.from(now.minus(BreakGlassRules.DECISION_WINDOW)))
			.query(BreakGlassRequests::map)
			.list();
	}

	/** Erasure of the customer: the reason goes, open requests end. */
	int forgetCustomer(AccountId customer, Instant at) {
		jdbc.sql("update storage_break_glass set state = 'REVOKED', ended_at = ? where account_id = ? "
				+ "and state in ('REQUESTED', 'APPROVED')")
			.params(Timestamp.from(at), customer.value())
			.update();
		jdbc.sql("update storage_break_glass set reason_sealed = null where account_id = ?").param(customer.value()).update();
		return jdbc.sql("select count(*) from storage_break_glass where account_id = ?")
			.param(customer.value())
			.query(Integer.class)
			.single();
	}

	int countEndedBefore(Instant cutoff) {
		return jdbc.sql("select count(*) from storage_break_glass where ended_at < ?")
			.param(Timestamp.from(cutoff))
			.query(Integer.class)
			.single();
	}

	int deleteEndedBefore(Instant cutoff) {
		return jdbc.sql("delete from storage_break_glass where ended_at < ?").param(Timestamp.from(cutoff)).update();
	}

	private static BreakGlassRequest map(ResultSet rs, int row) throws SQLException {
		return new BreakGlassRequest(rs.getObject("id", UUID.class), new AccountId(rs.getObject("account_id", UUID.class)),
				rs.getObject("space_id", UUID.class), Sealed.fromNullableBytes(rs.getBytes("reason_sealed")),
				Duration.ofMinutes(rs.getInt("duration_minutes")), BreakGlassState.valueOf(rs.getString("state")),
				new AccountId(rs.getObject("requested_by", UUID.class)), instant(rs, "requested_at"),
				account(rs, "decided_by"), instant(rs, "decided_at"), instant(rs, "expires_at"), account(rs, "ended_by"),
				instant(rs, "ended_at"));
	}

	private static @Nullable AccountId account(ResultSet rs, String column) throws SQLException {
		UUID id = rs.getObject(column, UUID.class);
		return id == null ? null : new AccountId(id);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}
}
