package io.kluis.privacy.internal;

import io.kluis.privacy.Evidence;
import io.kluis.shared.AccountId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Evidence records in {@code privacy_evidence}; counts are stored as JSON objects category → count. */
@Service
class JdbcEvidence implements Evidence {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<TreeMap<String, Integer>> COUNTS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final Clock clock;

	JdbcEvidence(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	@Transactional
	public Entry record(Kind kind, @Nullable AccountId subject, Instant asOf, boolean dryRun,
			Map<String, Integer> removed, Map<String, Integer> kept) {
		var entry = new Entry(UUID.randomUUID(), kind, subject, clock.instant(), asOf, dryRun, new TreeMap<>(removed),
				new TreeMap<>(kept));
		jdbc.sql("insert into privacy_evidence (id, kind, subject_id, occurred_at, as_of, dry_run, removed, kept) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(entry.id(), kind.name(), subject == null ? null : subject.value(), Timestamp.from(entry.occurredAt()),
					Timestamp.from(asOf), dryRun, JSON.writeValueAsString(entry.removed()),
					JSON.writeValueAsString(entry.kept()))
			.update();
		return entry;
	}

	@Override
	public List<Entry> recent(int limit) {
		return jdbc.sql("select * from privacy_evidence order by occurred_at desc fetch first ? rows only")
			.param(limit)
			.query((rs, i) -> map(rs))
			.list();
	}

	@Override
	public List<Entry> about(AccountId subject) {
		return jdbc.sql("select * from privacy_evidence where subject_id = ? order by occurred_at")
			.param(subject.value())
			.query((rs, i) -> map(rs))
			.list();
	}

	private static Entry map(ResultSet rs) throws SQLException {
		UUID subject = rs.getObject("subject_id", UUID.class);
		return new Entry(rs.getObject("id", UUID.class), Kind.valueOf(rs.getString("kind")),
				subject == null ? null : new AccountId(subject), rs.getTimestamp("occurred_at").toInstant(),
				rs.getTimestamp("as_of").toInstant(), rs.getBoolean("dry_run"),
				JSON.readValue(rs.getString("removed"), COUNTS), JSON.readValue(rs.getString("kept"), COUNTS));
	}
}
