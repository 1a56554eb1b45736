package io.kluis.storage.files;

import io.kluis.shared.AccountId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Bytes in use per customer, changed in the same transaction as the file rows, so usage always
 * equals the sum of the sizes of the customer's live and trashed files.
 */
@Repository
public class Usage {

	private final JdbcClient jdbc;

	private final StorageProperties properties;

	private final ReadOnlyStorage readOnly;

	Usage(JdbcClient jdbc, StorageProperties properties, ReadOnlyStorage readOnly) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.readOnly = readOnly;
	}

	public record Figures(long used, long quota) {

		public long available() {
			return Math.max(0, quota - used);
		}
	}

	public Figures of(AccountId account) {
		return jdbc.sql("select used_bytes, quota_bytes from storage_usage where account_id = ?")
			.param(account.value())
			.query((rs, i) -> new Figures(rs.getLong(1),
					rs.getObject(2) == null ? properties.defaultQuota().toBytes() : rs.getLong(2)))
			.optional()
			.orElse(new Figures(0, properties.defaultQuota().toBytes()));
	}

	/**
	 * Adds {@code bytes} if they fit in the quota (or are negative).
	 *
	 * @throws StorageException.QuotaExceeded when they do not fit; the caller's transaction rolls back
	 */
	void add(AccountId account, long bytes) {
		if (bytes <= 0) {
			jdbc.sql("update storage_usage set used_bytes = used_bytes + ? where account_id = ?")
				.params(bytes, account.value())
				.update();
			return;
		}
		int updated = jdbc.sql("update storage_usage set used_bytes = used_bytes + ? where account_id = ? "
				+ "and used_bytes + ? <= coalesce(quota_bytes, ?)")
			.params(bytes, account.value(), bytes, properties.defaultQuota().toBytes())
			.update();
		if (updated == 0) {
			throw new StorageException.QuotaExceeded();
		}
	}

	/**
	 * Adds (or with a negative value frees) {@code bytes} for a change the customer asked for: refused
	 * while the storage is read-only ({@link ReadOnlyStorage}), and for a positive value unless it
	 * fits in the quota. One statement either way: the read-only check is part of the update.
	 *
	 * @throws StorageException.ReadOnly when the storage is read-only
	 * @throws StorageException.QuotaExceeded when the bytes do not fit
	 */
	void addByCustomer(AccountId account, long bytes) {
		int updated = jdbc.sql("update storage_usage set used_bytes = used_bytes + ? where account_id = ? "
				+ "and (? <= 0 or used_bytes + ? <= coalesce(quota_bytes, ?)) "
				+ "and not exists (select 1 from storage_read_only r where r.account_id = ?)")
			.params(bytes, account.value(), bytes, bytes, properties.defaultQuota().toBytes(), account.value())
			.update();
		if (updated == 0) {
			readOnly.requireWritable(account);
			if (bytes > 0) {
				throw new StorageException.QuotaExceeded();
			}
		}
	}

	/**
	 * Adds (or with a negative value frees) the bytes of WebDAV properties the customer stored: they
	 * count toward the quota like file contents.
	 *
	 * @throws StorageException.QuotaExceeded when they do not fit; the caller's transaction rolls back
	 */
	public void addPropertyBytes(AccountId account, long bytes) {
		addByCustomer(account, bytes);
	}

	/**
	 * Locks the customer's usage row until the caller's transaction ends, creating the row first if
	 * needed: a per-customer limit checked after this (how many spaces, how many open uploads) holds
	 * however many requests arrive at once, on every node of a cluster.
	 */
	public void lockCustomer(AccountId account) {
		createRow(account);
		jdbc.sql("select used_bytes from storage_usage where account_id = ? for update")
			.param(account.value())
			.query(Long.class)
			.list();
	}

	/** Creates the customer's usage row (zero) unless it exists; never fails on a concurrent creation. */
	void createRow(AccountId account) {
		jdbc.sql("insert into storage_usage (account_id, used_bytes) values (?, 0) on conflict do nothing")
			.param(account.value())
			.update();
	}

	/** Whether the customer has a usage row (gone once their storage was erased). */
	boolean hasRow(AccountId account) {
		return jdbc.sql("select count(*) from storage_usage where account_id = ?")
			.param(account.value())
			.query(Integer.class)
			.single() > 0;
	}

	/** Removes the customer's usage row (erasure; nothing of theirs is stored any more). */
	public void forget(AccountId account) {
		jdbc.sql("delete from storage_usage where account_id = ?").param(account.value()).update();
	}

	/** Sets a customer's own quota (from their plan); {@code null} returns to the default. */
	public void setQuota(AccountId account, @Nullable Long bytes) {
		jdbc.sql("update storage_usage set quota_bytes = ? where account_id = ?").params(bytes, account.value()).update();
	}
}
