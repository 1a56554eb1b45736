package io.kluis.audit.internal;

import io.kluis.audit.AuditEntry;
import io.kluis.audit.AuditQuery;
import io.kluis.shared.AccountId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored chain: entries, the single head row and retention checkpoints. Plain SQL that runs on
 * PostgreSQL and on H2 in PostgreSQL mode. Timestamps go in and out as {@link OffsetDateTime} in UTC,
 * which both drivers map to {@code timestamp with time zone} without a detour through the JVM zone.
 */
@Repository
class AuditEntries {

	/** A stored entry with the link to its predecessor, as verification needs it. */
	record Link(long sequence, Instant occurredAt, String code, @Nullable UUID actor, @Nullable UUID subject,
			String detailsJson, String prevHash, String hash) {
	}

	/** A position in the chain: the head, or a checkpoint left by retention. */
	record Position(long sequence, String hash) {
	}

	private static final String COLUMNS = "sequence, occurred_at, code, actor_id, subject_id, details, prev_hash, hash";

	/**
	 * Our own mapper, not the application's: the stored text must not change when someone configures
	 * Boot's JSON output (indentation, ordering) for the web API.
	 */
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<TreeMap<String, String>> DETAILS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	AuditEntries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Locks the head row until the current transaction ends; every append goes through here. */
	Position lockHead() {
		return jdbc.sql("select sequence, hash from audit_chain_head where id = 1 for update")
			.query((rs, i) -> new Position(rs.getLong(1), rs.getString(2)))
			.single();
	}

	Position head() {
		return jdbc.sql("select sequence, hash from audit_chain_head where id = 1")
			.query((rs, i) -> new Position(rs.getLong(1), rs.getString(2)))
			.single();
	}

	void append(Link link) {
		jdbc.sql("insert into audit_entries (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(link.sequence(), OffsetDateTime.ofInstant(link.occurredAt(), ZoneOffset.UTC), link.code(),
					link.actor(), link.subject(), link.detailsJson(), link.prevHash(), link.hash())
			.update();
		int moved = jdbc.sql("update audit_chain_head set sequence = ?, hash = ? where id = 1 and sequence = ?")
			.params(link.sequence(), link.hash(), link.sequence() - 1)
			.update();
		if (moved != 1) {
			throw new IllegalStateException("audit chain head moved during an append; was it locked?");
		}
	}

	/** Where verification starts: the newest retention checkpoint, or the genesis. */
	Position base() {
		return jdbc.sql("select sequence, hash from audit_chain_checkpoints order by sequence desc limit 1")
			.query((rs, i) -> new Position(rs.getLong(1), rs.getString(2)))
			.optional()
			.orElse(new Position(0, ChainHash.GENESIS));
	}

	/** Entries after {@code afterSequence} up to and including {@code throughSequence}, in chain order. */
	List<Link> links(long afterSequence, long throughSequence, int limit) {
		return jdbc.sql("select " + COLUMNS + " from audit_entries where sequence > ? and sequence <= ? "
				+ "order by sequence limit ?")
			.params(afterSequence, throughSequence, limit)
			.query((rs, i) -> link(rs))
			.list();
	}

	/** How many entries remain after {@code afterSequence} up to and including {@code throughSequence}. */
	long countThrough(long afterSequence, long throughSequence) {
		return jdbc.sql("select count(*) from audit_entries where sequence > ? and sequence <= ?")
			.params(afterSequence, throughSequence)
			.query(Long.class)
			.single();
	}

	boolean existsAfter(long sequence) {
		return jdbc.sql("select count(*) from audit_entries where sequence > ?")
			.param(sequence)
			.query(Long.class)
			.single() > 0;
	}

	Optional<Link> find(long sequence) {
		return jdbc.sql("select " + COLUMNS + " from audit_entries where sequence = ?")
			.param(sequence)
			.query((rs, i) -> link(rs))
			.optional();
	}

	/** The sequence of the oldest entry at or after the instant, if any. */
	Optional<Long> firstSequenceAtOrAfter(Instant instant) {
		return jdbc.sql("select min(sequence) from audit_entries where occurred_at >= ?")
			.param(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC))
			.query((rs, i) -> rs.getObject(1) == null ? null : rs.getLong(1))
			.optional();
	}

	int deleteThrough(long sequence, String hash, Instant now) {
		int deleted = jdbc.sql("delete from audit_entries where sequence <= ?").param(sequence).update();
		jdbc.sql("insert into audit_chain_checkpoints (sequence, hash, entries_deleted, created_at) values (?, ?, ?, ?)")
			.params(sequence, hash, deleted, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.update();
		return deleted;
	}

	List<AuditEntry> search(AuditQuery query) {
		var where = new StringBuilder(" where 1 = 1");
		var params = new ArrayList<Object>();
		if (query.subject() != null) {
			where.append(" and subject_id = ?");
			params.add(query.subject().value());
		}
		if (query.actor() != null) {
			where.append(" and actor_id = ?");
			params.add(query.actor().value());
		}
		if (query.codePrefix() != null) {
			where.append(" and code like ? escape '!'");
			params.add(query.codePrefix().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
		}
		if (query.from() != null) {
			where.append(" and occurred_at >= ?");
			params.add(OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
		}
		if (query.until() != null) {
			where.append(" and occurred_at < ?");
			params.add(OffsetDateTime.ofInstant(query.until(), ZoneOffset.UTC));
		}
		params.add(query.size());
		params.add((long) query.page() * query.size());
		return jdbc.sql("select " + COLUMNS + " from audit_entries" + where + " order by sequence desc limit ? offset ?")
			.params(params)
			.query((rs, i) -> entry(link(rs)))
			.list();
	}

	List<AuditEntry> involving(AccountId account) {
		return jdbc.sql("select " + COLUMNS + " from audit_entries where subject_id = ? "
				+ "union select " + COLUMNS + " from audit_entries where actor_id = ? order by sequence")
			.params(account.value(), account.value())
			.query((rs, i) -> entry(link(rs)))
			.list();
	}

	static String toJson(Map<String, String> details) {
		return JSON.writeValueAsString(new TreeMap<>(details));
	}

	/** @throws tools.jackson.core.JacksonException when the stored text is not a JSON object of strings */
	static Map<String, String> fromJson(String json) {
		return JSON.readValue(json, DETAILS);
	}

	private static Link link(ResultSet rs) throws SQLException {
		return new Link(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
				rs.getObject(4, UUID.class), rs.getObject(5, UUID.class), rs.getString(6), rs.getString(7),
				rs.getString(8));
	}

	private static AuditEntry entry(Link link) {
		return new AuditEntry(link.sequence(), link.occurredAt(), link.code(),
				link.actor() == null ? null : new AccountId(link.actor()),
				link.subject() == null ? null : new AccountId(link.subject()), fromJson(link.detailsJson()), link.hash());
	}
}
