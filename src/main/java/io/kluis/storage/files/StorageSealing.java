package io.kluis.storage.files;

import io.kluis.crypto.DataKeyDestroyedException;
import io.kluis.shared.AccountId;
import io.kluis.shared.jobs.Jobs;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Seals, in the background, what was stored in plain columns before sealing at rest (issue 8 §3):
 * node names and trashed names, dead-property values, lock paths and owners, upload paths, and
 * small-file contents of plain spaces (in place: same key, flagged sealed). Every update is
 * conditional on the row still being unsealed, so nodes of a cluster may run it at once and a
 * concurrent write wins. Runs on every node, without the job lock: a node stops reading plain names
 * only once its own run found none left ({@link AtRest#plainNamesMayRemain}). Readers take both forms meanwhile. Contents in the blob store written
 * before are read as they are and sealed when the file is next written (docs/encryption-at-rest.md).
 */
@Component
public class StorageSealing {

	private static final Logger log = LoggerFactory.getLogger(StorageSealing.class);

	private static final int BATCH = 500;

	private final JdbcClient jdbc;

	private final AtRest atRest;

	private final SmallBlobs smallBlobs;

	private final Jobs jobs;

	StorageSealing(JdbcClient jdbc, AtRest atRest, SmallBlobs smallBlobs, Jobs jobs) {
		this.jobs = jobs;
		this.jdbc = jdbc;
		this.atRest = atRest;
		this.smallBlobs = smallBlobs;
	}

	@Scheduled(initialDelayString = "PT20S", fixedDelayString = "PT10M")
	public void scheduled() {
		jobs.run("storage.sealing", () -> {
			int sealed = sealAll();
			if (sealed > 0) {
				log.info("event=storage.sealing.sealed rows={}", sealed);
			}
		});
	}

	/** Seals every unsealed row there is; returns how many it sealed. */
	public int sealAll() {
		int total = 0;
		while (true) {
			int sealed = sealBatch();
			total += sealed;
			if (sealed == 0) {
				if (jdbc.sql("select count(*) from storage_nodes where name_sealed is null and parent_id is not null "
						+ "and trashed_at is null").query(Long.class).single() == 0) {
					atRest.plainNamesMayRemain(false);
				}
				return total;
			}
		}
	}

	private record Row(String id, UUID owner, String text) {
	}

	private int sealBatch() {
		int sealed = 0;
		for (Row row : jdbc.sql("select n.id, s.account_id, n.name from storage_nodes n join storage_spaces s "
				+ "on s.id = n.space_id where n.name_sealed is null "
				+ "and n.parent_id is not null and n.trashed_at is null fetch first " + BATCH + " rows only")
			.query((rs, i) -> new Row(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3)))
			.list()) {
			sealed += seal(row.owner(), owner -> jdbc.sql("update storage_nodes set name = ?, name_sealed = ? "
					+ "where id = ? and name_sealed is null and name = ?")
				.params(atRest.nameIndex(owner, row.text()), atRest.sealText(owner, AtRest.NAME, row.text()),
						UUID.fromString(row.id()), row.text())
				.update());
		}
		for (Row row : jdbc.sql("select n.id, s.account_id, n.trashed_name from storage_nodes n join storage_spaces s "
				+ "on s.id = n.space_id where n.trashed_name is not null fetch first " + BATCH + " rows only")
			.query((rs, i) -> new Row(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3)))
			.list()) {
			sealed += seal(row.owner(), owner -> jdbc.sql("update storage_nodes set trashed_name = null, "
					+ "trashed_name_sealed = ? where id = ? and trashed_name = ?")
				.params(atRest.sealText(owner, AtRest.TRASHED_NAME, row.text()), UUID.fromString(row.id()), row.text())
				.update());
		}
		record Property(UUID node, String namespace, String localName, UUID owner, String xml) {
		}
		for (Property p : jdbc.sql("select p.node_id, p.namespace, p.local_name, s.account_id, p.value_xml "
				+ "from storage_properties p join storage_nodes n on n.id = p.node_id "
				+ "join storage_spaces s on s.id = n.space_id where p.value_sealed is null "
				+ "fetch first " + BATCH + " rows only")
			.query((rs, i) -> new Property(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getObject(4, UUID.class), rs.getString(5)))
			.list()) {
			sealed += seal(p.owner(), owner -> jdbc.sql("update storage_properties set value_xml = '', value_sealed = ? "
					+ "where node_id = ? and namespace = ? and local_name = ? and value_sealed is null")
				.params(atRest.sealText(owner, "storage.property.value", p.xml()), p.node(), p.namespace(), p.localName())
				.update());
		}
		record Lock(String token, UUID account, String path, String owner) {
		}
		for (Lock lock : jdbc.sql("select token, account_id, path, owner_xml from storage_locks where path_sealed is null "
				+ "fetch first " + BATCH + " rows only")
			.query((rs, i) -> new Lock(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4)))
			.list()) {
			var account = new AccountId(lock.account());
			sealed += sealFor(account, () -> jdbc.sql("update storage_locks set path = '', owner_xml = null, "
					+ "path_sealed = ?, owner_sealed = ? where token = ? and path_sealed is null")
				.params(atRest.sealText(account, "storage.lock.path", lock.path()),
						lock.owner() == null ? null : atRest.sealText(account, "storage.lock.owner", lock.owner()),
						lock.token())
				.update());
		}
		for (Lock upload : jdbc.sql("select id, account_id, path from storage_uploads where path_sealed is null "
				+ "fetch first " + BATCH + " rows only")
			.query((rs, i) -> new Lock(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3), null))
			.list()) {
			var account = new AccountId(upload.account());
			sealed += sealFor(account, () -> jdbc.sql("update storage_uploads set path = '', path_sealed = ? "
					+ "where id = ? and path_sealed is null")
				.params(atRest.sealText(account, "storage.upload.path", upload.path()), UUID.fromString(upload.token()))
				.update());
		}
		record Small(String blob, UUID account) {
		}
		List<Small> small = jdbc.sql("select distinct n.blob, s.account_id from storage_nodes n "
				+ "join storage_spaces s on s.id = n.space_id "
				+ "where n.small_sealed = false and s.kind <> 'VAULT' fetch first " + BATCH + " rows only")
			.query((rs, i) -> new Small(rs.getString(1), rs.getObject(2, UUID.class)))
			.list();
		for (Small blob : small) {
			var account = new AccountId(blob.account());
			sealed += sealFor(account, () -> {
				try {
					var stored = smallBlobs.stored(blob.blob());
					return stored.sealed() ? 0
							: smallBlobs.sealInPlace(blob.blob(), atRest.sealSmall(account, blob.blob(), stored.content()))
									? 1 : 0;
				}
				catch (java.io.IOException e) {
					return 0; // deleted meanwhile
				}
			});
		}
		return sealed;
	}

	private int seal(UUID account, java.util.function.ToIntFunction<AccountId> update) {
		var owner = new AccountId(account);
		return sealFor(owner, () -> update.applyAsInt(owner));
	}

	/** A customer whose key is gone is being erased; the erasure deletes the row. */
	private int sealFor(AccountId owner, java.util.function.IntSupplier update) {
		try {
			return update.getAsInt();
		}
		catch (DataKeyDestroyedException e) {
			return 0;
		}
	}
}
