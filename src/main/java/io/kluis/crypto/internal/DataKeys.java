package io.kluis.crypto.internal;

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

/**
 * The wrapped data keys, one row per subject; a destroyed key keeps its row (evidence) without key
 * bytes. A live key is wrapped by an epoch key ({@code epoch_id}); keys from before epochs are
 * wrapped by the master key directly ({@code master_key_id}) until the next rotation.
 */
@Repository
class DataKeys {

	record Row(AccountId subject, byte @Nullable [] wrappedKey, @Nullable String masterKeyId,
			@Nullable String epochId, @Nullable Instant destroyedAt) {
	}

	private final JdbcClient jdbc;

	DataKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Row> find(AccountId subject) {
		return jdbc.sql("select subject_id, wrapped_key, master_key_id, epoch_id, destroyed_at from crypto_data_keys "
				+ "where subject_id = ?")
			.param(subject.value())
			.query(DataKeys::row)
			.optional();
	}

	/** Inserts a new key wrapped under an epoch; returns false when another transaction created one first. */
	boolean insert(AccountId subject, byte[] wrappedKey, String epochId, Instant now) {
		// ON CONFLICT keeps a PostgreSQL transaction usable when another node won the race.
		return jdbc.sql("insert into crypto_data_keys (subject_id, wrapped_key, epoch_id, created_at) "
				+ "values (?, ?, ?, ?) on conflict do nothing")
			.params(subject.value(), wrappedKey, epochId, Timestamp.from(now))
			.update() == 1;
	}

	int destroy(AccountId subject, Instant now) {
		return jdbc.sql("update crypto_data_keys set wrapped_key = null, master_key_id = null, epoch_id = null, "
				+ "destroyed_at = ? where subject_id = ? and destroyed_at is null")
			.params(Timestamp.from(now), subject.value())
			.update();
	}

	/** Records a destroyed key for a subject that never had one, so later seals are refused too. */
	void insertDestroyed(AccountId subject, Instant now) {
		jdbc.sql("insert into crypto_data_keys (subject_id, created_at, destroyed_at) values (?, ?, ?) on conflict do nothing")
			.params(subject.value(), Timestamp.from(now), Timestamp.from(now))
			.update();
	}

	/** Live keys not (yet) wrapped under the given epoch: older epochs and keys from before epochs. */
	List<Row> wrappedOutside(String epochId, int limit) {
		return jdbc.sql("select subject_id, wrapped_key, master_key_id, epoch_id, destroyed_at from crypto_data_keys "
				+ "where wrapped_key is not null and (epoch_id is null or epoch_id <> ?) order by subject_id "
				+ "fetch first ? rows only")
			.params(epochId, limit)
			.query(DataKeys::row)
			.list();
	}

	/** Live keys from before epochs, wrapped by a master key directly. */
	List<Row> wrappedByMasterKey(int limit) {
		return jdbc.sql("select subject_id, wrapped_key, master_key_id, epoch_id, destroyed_at from crypto_data_keys "
				+ "where wrapped_key is not null and epoch_id is null order by subject_id fetch first ? rows only")
			.param(limit)
			.query(DataKeys::row)
			.list();
	}

	/** Moves a live key to another epoch; false when it was destroyed meanwhile. */
	boolean rewrap(AccountId subject, byte[] wrappedKey, String epochId) {
		return jdbc.sql("update crypto_data_keys set wrapped_key = ?, epoch_id = ?, master_key_id = null "
				+ "where subject_id = ? and wrapped_key is not null")
			.params(wrappedKey, epochId, subject.value())
			.update() == 1;
	}

	/** The epochs live keys are wrapped under: the key store must hold every one of them. */
	List<String> epochsInUse() {
		return jdbc.sql("select distinct epoch_id from crypto_data_keys where wrapped_key is not null and epoch_id is not null")
			.query(String.class)
			.list();
	}

	/** The master keys that still wrap keys from before epochs. */
	List<String> masterKeysInUse() {
		return jdbc.sql("select distinct master_key_id from crypto_data_keys where wrapped_key is not null "
				+ "and epoch_id is null and master_key_id is not null")
			.query(String.class)
			.list();
	}

	int countUnder(String epochId) {
		return jdbc.sql("select count(*) from crypto_data_keys where wrapped_key is not null and epoch_id = ?")
			.param(epochId)
			.query(Integer.class)
			.single();
	}

	private static Row row(ResultSet rs, int i) throws SQLException {
		return new Row(new AccountId(rs.getObject(1, UUID.class)), rs.getBytes(2), rs.getString(3), rs.getString(4),
				instant(rs.getTimestamp(5)));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
