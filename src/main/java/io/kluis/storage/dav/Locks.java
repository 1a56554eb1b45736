package io.kluis.storage.dav;

import io.kluis.shared.AccountId;
import io.kluis.storage.files.AtRest;
import io.kluis.storage.files.FilePath;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** WebDAV locks, in the database so that every node of a cluster sees them. Expired locks are ignored. */
@Repository
class Locks {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AtRest atRest;

	private static final String PATH = "storage.lock.path";

	private static final String OWNER = "storage.lock.owner";

	Locks(JdbcClient jdbc, Clock clock, AtRest atRest) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.atRest = atRest;
	}

	/** Path and owner are sealed under the locking customer's data key (plain in rows from before). */
	List<Lock> active(UUID space) {
		return jdbc.sql("select token, space_id, path, infinite, exclusive, owner_xml, account_id, timeout_s, expires_at, "
				+ "path_sealed, owner_sealed from storage_locks where space_id = ? and expires_at > ?")
			.params(space, Timestamp.from(clock.instant()))
			.query((rs, i) -> {
				var account = new AccountId(rs.getObject(7, UUID.class));
				byte[] path = rs.getBytes(10);
				byte[] owner = rs.getBytes(11);
				return new Lock(rs.getString(1), rs.getObject(2, UUID.class),
						FilePath.ofJoined(path == null ? rs.getString(3) : atRest.openText(account, PATH, path)),
						rs.getBoolean(4), rs.getBoolean(5), owner == null ? rs.getString(6) : atRest.openText(account, OWNER, owner),
						account, rs.getLong(8), rs.getTimestamp(9).toInstant());
			})
			.list();
	}

	Optional<Lock> find(UUID space, String token) {
		return active(space).stream().filter(l -> l.token().equals(token)).findFirst();
	}

	void create(Lock lock) {
		jdbc.sql("delete from storage_locks where space_id = ? and expires_at <= ?")
			.params(lock.space(), Timestamp.from(clock.instant()))
			.update();
		jdbc.sql("insert into storage_locks (token, space_id, path, infinite, exclusive, owner_xml, account_id, timeout_s, "
				+ "expires_at, path_sealed, owner_sealed) values (?, ?, '', ?, ?, null, ?, ?, ?, ?, ?)")
			.params(lock.token(), lock.space(), lock.infinite(), lock.exclusive(), lock.account().value(),
					lock.timeoutSeconds(), Timestamp.from(lock.expiresAt()),
					atRest.sealText(lock.account(), PATH, lock.path().joined()),
					lock.ownerXml() == null ? null : atRest.sealText(lock.account(), OWNER, lock.ownerXml()))
			.update();
	}

	Lock refresh(Lock lock, long timeoutSeconds) {
		Instant expires = clock.instant().plusSeconds(timeoutSeconds);
		jdbc.sql("update storage_locks set timeout_s = ?, expires_at = ? where token = ?")
			.params(timeoutSeconds, Timestamp.from(expires), lock.token())
			.update();
		return new Lock(lock.token(), lock.space(), lock.path(), lock.infinite(), lock.exclusive(), lock.ownerXml(),
				lock.account(), timeoutSeconds, expires);
	}

	void remove(String token) {
		jdbc.sql("delete from storage_locks where token = ?").param(token).update();
	}

	/** Removes the locks on the path and below it (after the resource was moved or deleted). */
	void removeAt(UUID space, FilePath path) {
		for (Lock lock : active(space)) {
			if (path.contains(lock.path())) {
				remove(lock.token());
			}
		}
	}

	/** Every lock the account holds as export records (RIG-5): path, owner and expiry. */
	List<Map<String, Object>> export(AccountId account) {
		return jdbc.sql("select path, owner_xml, expires_at, path_sealed, owner_sealed from storage_locks where account_id = ?")
			.param(account.value())
			.query((rs, i) -> {
				Map<String, Object> record = new LinkedHashMap<>();
				record.put("kind", "webdav-lock");
				record.put("path", rs.getBytes(4) == null ? rs.getString(1) : atRest.openText(account, PATH, rs.getBytes(4)));
				String owner = rs.getBytes(5) == null ? rs.getString(2) : atRest.openText(account, OWNER, rs.getBytes(5));
				record.put("owner", owner == null ? "" : owner);
				record.put("expires", rs.getTimestamp(3).toInstant().toString());
				return record;
			})
			.list();
	}

	/** Removes every lock of every space of the account (erasure). */
	void removeAll(AccountId account) {
		jdbc.sql("delete from storage_locks where account_id = ?").param(account.value()).update();
	}

	/** Deletes expired locks; returns how many. */
	int purgeExpired() {
		return jdbc.sql("delete from storage_locks where expires_at <= ?").param(Timestamp.from(clock.instant())).update();
	}

	static String newToken() {
		return "urn:uuid:" + UUID.randomUUID();
	}
}
