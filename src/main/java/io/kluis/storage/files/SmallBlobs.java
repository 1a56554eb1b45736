package io.kluis.storage.files;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Contents of small files, in the database. A small file's contents are inserted in the transaction
 * that stores its row, so it needs neither a blob file, nor fsyncs, nor a journal entry: the
 * database's commit makes row and contents durable together (PostgreSQL flushes its log once for
 * many concurrent commits). Their keys start with {@value #PREFIX}, which a blob-store key (hex
 * digits only) never does, so every reader and deleter can tell where a key's contents are.
 */
@Repository
class SmallBlobs {

	static final String PREFIX = "s";

	private final JdbcClient jdbc;

	SmallBlobs(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static boolean isSmall(String blob) {
		return blob.startsWith(PREFIX);
	}

	/** A new key: {@value #PREFIX} and 124 random bits, as long as a blob-store key. */
	static String newKey() {
		return PREFIX + Etags.newBlobKey().substring(1);
	}

	void insert(String blob, byte[] content, boolean sealed) {
		jdbc.sql("insert into storage_small_blobs (blob, content, sealed) values (?, ?, ?)")
			.params(blob, content, sealed)
			.update();
	}

	/** The stored bytes, and whether they are sealed under the owner's data key (docs/encryption-at-rest.md). */
	record Stored(byte[] content, boolean sealed) {
	}

	Stored stored(String blob) throws IOException {
		return jdbc.sql("select content, sealed from storage_small_blobs where blob = ?")
			.param(blob)
			.query((rs, i) -> new Stored(rs.getBytes(1), rs.getBoolean(2)))
			.optional()
			.orElseThrow(() -> new NoSuchFileException("small blob"));
	}

	/** Seals contents stored before sealing, in place (same key); false when sealed meanwhile. */
	boolean sealInPlace(String blob, byte[] sealed) {
		return jdbc.sql("update storage_small_blobs set content = ?, sealed = true where blob = ? and sealed = false")
			.params(sealed, blob)
			.update() == 1;
	}

	boolean exists(String blob) {
		return jdbc.sql("select count(*) from storage_small_blobs where blob = ?").param(blob).query(Long.class).single() > 0;
	}

	void delete(String blob) {
		jdbc.sql("delete from storage_small_blobs where blob = ?").param(blob).update();
	}
}
