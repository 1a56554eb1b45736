package io.kluis.privacy.rights;

import io.kluis.crypto.Sealed;
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

/** The export jobs in {@code privacy_exports}. */
@Repository
class Exports {

	private final JdbcClient jdbc;

	Exports(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Export export) {
		jdbc.sql("insert into privacy_exports (id, account_id, status, created_at) values (?, ?, ?, ?)")
			.params(export.id(), export.account().value(), export.status().name(), Timestamp.from(export.createdAt()))
			.update();
	}

	/** Stores a finished export; false when the job is no longer building (deleted by an erasure meanwhile). */
	boolean markReady(Export ready) {
		return jdbc.sql("update privacy_exports set status = 'READY', ready_at = ?, expires_at = ?, size_bytes = ?, "
				+ "file_key = ? where id = ? and status = 'BUILDING'")
			.params(Timestamp.from(ready.readyAt()), Timestamp.from(ready.expiresAt()), ready.size(),
					ready.fileKey().bytes(), ready.id())
			.update() == 1;
	}

	void markFailed(UUID id) {
		jdbc.sql("update privacy_exports set status = 'FAILED' where id = ? and status = 'BUILDING'").param(id).update();
	}

	Optional<Export> find(UUID id) {
		return jdbc.sql("select * from privacy_exports where id = ?").param(id).query(Exports::map).optional();
	}

	List<Export> of(AccountId account) {
		return jdbc.sql("select * from privacy_exports where account_id = ? order by created_at desc")
			.param(account.value())
			.query(Exports::map)
			.list();
	}

	/** Ready exports past their expiry, and builds that never finished (a node stopped mid-build). */
	List<UUID> expired(Instant now, Instant stuckBefore) {
		return jdbc.sql("select id from privacy_exports where (status = 'READY' and expires_at <= ?) "
				+ "or (status <> 'READY' and created_at < ?)")
			.params(Timestamp.from(now), Timestamp.from(stuckBefore))
			.query(UUID.class)
			.list();
	}

	/**
	 * Exports made before the cutoff, for the register's {@code data-exports} rule (trigger
	 * {@code RECORDED}): ready ones by the moment they were ready, others by when they were asked for.
	 */
	List<UUID> madeBefore(Instant cutoff) {
		return jdbc.sql("select id from privacy_exports where coalesce(ready_at, created_at) < ?")
			.param(Timestamp.from(cutoff))
			.query(UUID.class)
			.list();
	}

	void delete(UUID id) {
		jdbc.sql("delete from privacy_exports where id = ?").param(id).update();
	}

	private static Export map(ResultSet rs, int row) throws SQLException {
		long size = rs.getLong("size_bytes");
		Long sizeOrNull = rs.wasNull() ? null : size;
		return new Export(rs.getObject("id", UUID.class), new AccountId(rs.getObject("account_id", UUID.class)),
				Export.Status.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant(),
				instant(rs.getTimestamp("ready_at")), instant(rs.getTimestamp("expires_at")), sizeOrNull,
				Sealed.fromNullableBytes(rs.getBytes("file_key")));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
