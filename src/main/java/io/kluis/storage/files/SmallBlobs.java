package io.kluis.storage.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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

	void insert(String blob, byte[] content) {
		jdbc.sql("insert into storage_small_blobs (blob, content) values (?, ?)").params(blob, content).update();
	}

	InputStream open(String blob, long offset, long length) throws IOException {
		byte[] content = jdbc.sql("select content from storage_small_blobs where blob = ?")
			.param(blob)
			.query((rs, i) -> rs.getBytes(1))
			.optional()
			.orElseThrow(() -> new NoSuchFileException("small blob"));
		int from = (int) Math.min(offset, content.length);
		int to = (int) Math.min(content.length, from + Math.max(0, length));
		return new ByteArrayInputStream(content, from, to - from);
	}

	boolean exists(String blob) {
		return jdbc.sql("select count(*) from storage_small_blobs where blob = ?").param(blob).query(Long.class).single() > 0;
	}

	void delete(String blob) {
		jdbc.sql("delete from storage_small_blobs where blob = ?").param(blob).update();
	}
}
