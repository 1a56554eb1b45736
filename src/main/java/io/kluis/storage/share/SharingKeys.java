package io.kluis.storage.share;

import io.kluis.shared.AccountId;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of the customers' sharing key pairs: one per account. */
@Repository
class SharingKeys {

	private final JdbcClient jdbc;

	SharingKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Stores the account's key pair unless it has one; false when it had. */
	boolean insert(SharingKey key) {
		if (find(key.account()).isPresent()) {
			return false;
		}
		try {
			jdbc.sql("insert into storage_sharing_keys (account_id, space_id, public_key, wrapped_private_key, created_at) "
				+ "values (?, ?, ?, ?, ?)")
			.params(key.account().value(), key.space(), key.publicKey(), key.wrappedPrivateKey(),
					Timestamp.from(key.createdAt()))
			.update();
		}
		catch (org.springframework.dao.DuplicateKeyException e) {
			return false; // two tabs published at once: the first one's pair stays
		}
		return true;
	}

	Optional<SharingKey> find(AccountId account) {
		return jdbc.sql("select account_id, space_id, public_key, wrapped_private_key, created_at from storage_sharing_keys "
				+ "where account_id = ?")
			.param(account.value())
			.query((rs, i) -> new SharingKey(new AccountId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class),
					rs.getBytes(3), rs.getBytes(4), rs.getTimestamp(5).toInstant()))
			.optional();
	}

	int delete(AccountId account) {
		return jdbc.sql("delete from storage_sharing_keys where account_id = ?").param(account.value()).update();
	}
}
