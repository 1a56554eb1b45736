package io.kluis.billing.idempotency;

import io.kluis.shared.AccountId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The claimed keys ({@code billing_idempotency_keys}): hashes of key and request, and what was answered. */
@Repository
public class IdempotencyKeys {

	/** A claimed key: the hash of the request it came with, and the order or payment it produced. */
	record Claim(String requestHash, @Nullable UUID responseRef) {
	}

	private final JdbcClient jdbc;

	IdempotencyKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Claim> find(AccountId account, String operation, String keyHash, Instant notBefore) {
		return jdbc.sql("select request_hash, response_ref from billing_idempotency_keys where account_id = ? "
				+ "and operation = ? and key_hash = ? and created_at >= ?")
			.params(account.value(), operation, keyHash, Timestamp.from(notBefore))
			.query((rs, n) -> new Claim(rs.getString(1), rs.getObject(2, UUID.class)))
			.optional();
	}

	/**
	 * Claims a key (the primary key makes a second claim of the same key wait for the first transaction,
	 * then fail with a duplicate key).
	 */
	void claim(AccountId account, String operation, String keyHash, String requestHash, Instant now) {
		jdbc.sql("insert into billing_idempotency_keys (account_id, operation, key_hash, request_hash, created_at) "
				+ "values (?, ?, ?, ?, ?)")
			.params(account.value(), operation, keyHash, requestHash, Timestamp.from(now))
			.update();
	}

	void answer(AccountId account, String operation, String keyHash, UUID responseRef) {
		jdbc.sql("update billing_idempotency_keys set response_ref = ? where account_id = ? and operation = ? "
				+ "and key_hash = ?")
			.params(responseRef, account.value(), operation, keyHash)
			.update();
	}

	/** A claim whose action failed, so that a retry acts again (an answered claim stays). */
	void release(AccountId account, String operation, String keyHash) {
		jdbc.sql("delete from billing_idempotency_keys where account_id = ? and operation = ? and key_hash = ? "
				+ "and response_ref is null")
			.params(account.value(), operation, keyHash)
			.update();
	}

	/** Keys older than the window are forgotten (and may be used again). */
	int deleteCreatedBefore(Instant cutoff) {
		return jdbc.sql("delete from billing_idempotency_keys where created_at < ?").param(Timestamp.from(cutoff)).update();
	}

	/** At erasure: the account's keys. */
	public int deleteOf(AccountId account) {
		return jdbc.sql("delete from billing_idempotency_keys where account_id = ?").param(account.value()).update();
	}
}
