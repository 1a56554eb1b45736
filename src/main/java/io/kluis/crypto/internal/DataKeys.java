package io.kluis.crypto.internal;

import io.kluis.shared.AccountId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The wrapped data keys, one row per subject; a destroyed key keeps its row (evidence) without key bytes. */
@Repository
class DataKeys {

	record Row(AccountId subject, byte @Nullable [] wrappedKey, @Nullable String masterKeyId,
			@Nullable Instant destroyedAt) {
	}

	private final JdbcClient jdbc;

	DataKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Row> find(AccountId subject) {
		return jdbc.sql("select wrapped_key, master_key_id, destroyed_at from crypto_data_keys where subject_id = ?")
			.param(subject.value())
			.query((rs, i) -> new Row(subject, rs.getBytes(1), rs.getString(2), instant(rs.getTimestamp(3))))
			.optional();
	}

	/** Inserts a new key; returns false when another transaction created one first. */
	boolean insert(AccountId subject, byte[] wrappedKey, String masterKeyId, Instant now) {
		// ON CONFLICT keeps a PostgreSQL transaction usable when another node won the race.
		return jdbc.sql("insert into crypto_data_keys (subject_id, wrapped_key, master_key_id, created_at) "
				+ "values (?, ?, ?, ?) on conflict do nothing")
			.params(subject.value(), wrappedKey, masterKeyId, Timestamp.from(now))
			.update() == 1;
	}

	int destroy(AccountId subject, Instant now) {
		return jdbc.sql("update crypto_data_keys set wrapped_key = null, master_key_id = null, destroyed_at = ? "
				+ "where subject_id = ? and destroyed_at is null")
			.params(Timestamp.from(now), subject.value())
			.update();
	}

	/** Records a destroyed key for a subject that never had one, so later seals are refused too. */
	void insertDestroyed(AccountId subject, Instant now) {
		jdbc.sql("insert into crypto_data_keys (subject_id, created_at, destroyed_at) values (?, ?, ?) on conflict do nothing")
			.params(subject.value(), Timestamp.from(now), Timestamp.from(now))
			.update();
	}

	List<Row> wrappedNotUnder(String masterKeyId, int limit) {
		return jdbc.sql("select subject_id, wrapped_key, master_key_id from crypto_data_keys "
				+ "where wrapped_key is not null and master_key_id <> ? order by subject_id fetch first ? rows only")
			.params(masterKeyId, limit)
			.query((rs, i) -> new Row(new AccountId(rs.getObject(1, java.util.UUID.class)), rs.getBytes(2),
					rs.getString(3), null))
			.list();
	}

	void rewrap(AccountId subject, byte[] wrappedKey, String masterKeyId) {
		jdbc.sql("update crypto_data_keys set wrapped_key = ?, master_key_id = ? where subject_id = ? and wrapped_key is not null")
			.params(wrappedKey, masterKeyId, subject.value())
			.update();
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
