package io.kluis.crypto.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Installation-wide secrets (the blind-index key), stored wrapped by the master key like data keys,
 * so rotating the master key does not change any blind index.
 */
@Repository
class SystemKeys {

	record Row(String purpose, byte[] wrappedKey, String masterKeyId) {
	}

	private final JdbcClient jdbc;

	SystemKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Row> find(String purpose) {
		return jdbc.sql("select wrapped_key, master_key_id from crypto_system_keys where purpose = ?")
			.param(purpose)
			.query((rs, i) -> new Row(purpose, rs.getBytes(1), rs.getString(2)))
			.optional();
	}

	boolean insert(String purpose, byte[] wrappedKey, String masterKeyId, Instant now) {
		return jdbc.sql("insert into crypto_system_keys (purpose, wrapped_key, master_key_id, created_at) "
				+ "values (?, ?, ?, ?) on conflict do nothing")
			.params(purpose, wrappedKey, masterKeyId, Timestamp.from(now))
			.update() == 1;
	}

	List<Row> all() {
		return jdbc.sql("select purpose, wrapped_key, master_key_id from crypto_system_keys")
			.query((rs, i) -> new Row(rs.getString(1), rs.getBytes(2), rs.getString(3)))
			.list();
	}

	void rewrap(String purpose, byte[] wrappedKey, String masterKeyId) {
		jdbc.sql("update crypto_system_keys set wrapped_key = ?, master_key_id = ? where purpose = ?")
			.params(wrappedKey, masterKeyId, purpose)
			.update();
	}
}
