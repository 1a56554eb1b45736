package io.kluis.storage.files;

import io.kluis.shared.AccountId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Makes a customer's storage read-only, for one or more {@link Reason reasons}: files can be listed,
 * read and downloaded (over WebDAV, the panel and share links), and every change the customer asks
 * for — uploads, new folders, deletes, moves, copies, restores, property changes, new spaces, locks —
 * is refused with {@link StorageException.ReadOnly} (403) saying why. System work goes on: the trash
 * still expires, erasure and retention still delete.
 *
 * <p>Checked in the database on every change, so a suspension set on one node holds on every node at
 * once. A file write pays nothing extra: the condition is part of the usage update its transaction
 * makes anyway ({@link Usage#addByCustomer}).
 */
@Repository
public class ReadOnlyStorage {

	/** Why storage is read-only; each is set and lifted on its own. */
	public enum Reason {
		/** An invoice is unpaid past the dunning schedule; paying lifts it at once. */
		PAYMENT_OVERDUE("Your storage is read-only because an invoice is overdue. Pay it in the panel to continue."),
		/** The plan ended; the files stay readable until the register's period ends, then they are erased. */
		SERVICE_ENDED("Your storage is read-only because your plan has ended. Download your files or order a plan."),
		/** Staff suspended the account's storage (abuse, a court order). */
		SUSPENDED_BY_STAFF("Your storage is read-only by a decision of our staff. Contact support.");

		private final String message;

		Reason(String message) {
			this.message = message;
		}

		/** What the customer is told, in English (the panel translates by {@code storage.read-only.<name>}). */
		public String message() {
			return message;
		}
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	ReadOnlyStorage(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Makes the customer's storage read-only for {@code reason}; setting it again changes nothing (the
	 * first {@link #since} stays).
	 *
	 * @return whether it was not read-only for this reason before
	 */
	public boolean set(AccountId account, Reason reason) {
		return jdbc.sql("insert into storage_read_only (account_id, reason, since) values (?, ?, ?) on conflict do nothing")
			.params(account.value(), reason.name(), clock.instant().atOffset(ZoneOffset.UTC))
			.update() > 0;
	}

	/** Since when the customer's storage is read-only for {@code reason}; empty when it is not. */
	public Optional<Instant> since(AccountId account, Reason reason) {
		return jdbc.sql("select since from storage_read_only where account_id = ? and reason = ?")
			.params(account.value(), reason.name())
			.query((rs, row) -> rs.getTimestamp(1).toInstant())
			.optional();
	}

	/** The customers whose storage is read-only for {@code reason} since before {@code cutoff}. */
	public List<AccountId> sinceBefore(Reason reason, Instant cutoff) {
		return jdbc.sql("select account_id from storage_read_only where reason = ? and since < ? order by since")
			.params(reason.name(), cutoff.atOffset(ZoneOffset.UTC))
			.query((rs, row) -> new AccountId(rs.getObject(1, UUID.class)))
			.list();
	}

	/** Lifts {@code reason}; the storage is writable again when no other reason remains. */
	public void lift(AccountId account, Reason reason) {
		jdbc.sql("delete from storage_read_only where account_id = ? and reason = ?")
			.params(account.value(), reason.name())
			.update();
	}

	/** Why the customer's storage is read-only; empty when it is writable. */
	public Set<Reason> reasons(AccountId account) {
		var reasons = EnumSet.noneOf(Reason.class);
		jdbc.sql("select reason from storage_read_only where account_id = ?")
			.param(account.value())
			.query(String.class)
			.list()
			.forEach(r -> reasons.add(Reason.valueOf(r)));
		return reasons;
	}

	/**
	 * Refuses a change to the customer's storage while it is read-only.
	 *
	 * @throws StorageException.ReadOnly naming the first reason
	 */
	public void requireWritable(AccountId account) {
		var reasons = reasons(account);
		if (!reasons.isEmpty()) {
			throw new StorageException.ReadOnly(reasons.iterator().next());
		}
	}

	/** Forgets the customer (erasure: nothing of theirs is stored any more). */
	public void forget(AccountId account) {
		jdbc.sql("delete from storage_read_only where account_id = ?").param(account.value()).update();
	}
}
