package io.kluis.privacy.policy;

import io.kluis.shared.AccountId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Whether a customer still has to acknowledge a significant policy change they were told about
 * (POL-2), and the record that they did: account id, version and time.
 */
@Service
public class PolicyAcknowledgements {

	private final JdbcClient jdbc;

	private final Clock clock;

	PolicyAcknowledgements(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The newest significant version the account was told about and has not acknowledged since. */
	public OptionalInt pending(AccountId account) {
		Integer noticed = jdbc.sql("select version_number from privacy_policy_notices where account_id = ? "
				+ "order by version_number desc fetch first 1 rows only")
			.param(account.value())
			.query(Integer.class)
			.optional()
			.orElse(null);
		if (noticed == null) {
			return OptionalInt.empty();
		}
		long acknowledged = jdbc.sql("select count(*) from privacy_policy_acknowledgements where account_id = ? "
				+ "and version_number >= ?")
			.params(account.value(), noticed)
			.query(Long.class)
			.single();
		return acknowledged > 0 ? OptionalInt.empty() : OptionalInt.of(noticed);
	}

	/** Records that the account read the change; acknowledging twice is harmless. */
	public void acknowledge(AccountId account) {
		var pending = pending(account);
		if (pending.isEmpty()) {
			return;
		}
		try {
			jdbc.sql("insert into privacy_policy_acknowledgements (version_number, account_id, acknowledged_at) "
					+ "values (?, ?, ?)")
				.params(pending.getAsInt(), account.value(), Timestamp.from(clock.instant()))
				.update();
		}
		catch (DuplicateKeyException e) {
			// a double click: already recorded
		}
	}

	/** A significant version the account was told about and/or acknowledged, for an access request. */
	record Notice(int version, @Nullable Instant notifiedAt, @Nullable Instant acknowledgedAt) {
	}

	/** Every notice and acknowledgement of the account, by version. */
	List<Notice> history(AccountId account) {
		var notices = new TreeMap<Integer, Instant>();
		var acknowledgements = new TreeMap<Integer, Instant>();
		jdbc.sql("select version_number, notified_at from privacy_policy_notices where account_id = ?")
			.param(account.value())
			.query((rs, i) -> notices.put(rs.getInt(1), rs.getTimestamp(2).toInstant()))
			.list();
		jdbc.sql("select version_number, acknowledged_at from privacy_policy_acknowledgements where account_id = ?")
			.param(account.value())
			.query((rs, i) -> acknowledgements.put(rs.getInt(1), rs.getTimestamp(2).toInstant()))
			.list();
		var versions = new TreeSet<>(notices.keySet());
		versions.addAll(acknowledgements.keySet());
		return versions.stream().map(v -> new Notice(v, notices.get(v), acknowledgements.get(v))).toList();
	}

	/** Erasure of the account: its notices and acknowledgements go with it. Returns rows removed. */
	public int eraseFor(AccountId account) {
		return jdbc.sql("delete from privacy_policy_acknowledgements where account_id = ?").param(account.value()).update()
				+ jdbc.sql("delete from privacy_policy_notices where account_id = ?").param(account.value()).update();
	}
}
