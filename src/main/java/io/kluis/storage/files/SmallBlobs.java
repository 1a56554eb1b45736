package io.kluis.storage.files;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Contents of small files, in the database: in the file's own row ({@code storage_nodes.small_content}),
 * written by the statement that stores the row ({@link Nodes#insert}, {@link Nodes#replaceContent}),
 * so a small file needs neither a blob file, nor fsyncs, nor a journal entry, nor a row and index
 * entry of its own: the database's commit makes row and contents durable together. A copy carries
 * its own copy of the bytes under the same key; the contents go with the last row, so there is
 * nothing to delete and nothing to count references for. Keys start with {@value #PREFIX}, which a
 * blob-store key (hex digits only) never does, so every reader and deleter can tell where a key's
 * contents are; sealed contents are bound to the key ({@link AtRest#sealSmall}).
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

	/** The stored bytes, and whether they are sealed under the owner's data key (docs/encryption-at-rest.md). */
	record Stored(byte[] content, boolean sealed) {
	}

	/** The contents of the file with this id (the primary key: no look-up by key). */
	Stored stored(UUID node, String blob) throws IOException {
		return jdbc.sql("select small_content, small_sealed from storage_nodes where id = ? and blob = ? "
				+ "and small_content is not null")
			.params(node, blob)
			.query((rs, i) -> new Stored(rs.getBytes(1), rs.getBoolean(2)))
			.optional()
			.orElseThrow(() -> new NoSuchFileException("small blob"));
	}

	/** The contents stored under a key (any row naming it: copies hold the same bytes). */
	Stored stored(String blob) throws IOException {
		return jdbc.sql("select small_content, small_sealed from storage_nodes where blob = ? "
				+ "and small_content is not null fetch first 1 rows only")
			.param(blob)
			.query((rs, i) -> new Stored(rs.getBytes(1), rs.getBoolean(2)))
			.optional()
			.orElseThrow(() -> new NoSuchFileException("small blob"));
	}

	/**
	 * Seals contents stored before sealing, in place (same key, in every row naming it); false when
	 * sealed meanwhile.
	 */
	boolean sealInPlace(String blob, byte[] sealed) {
		return jdbc.sql("update storage_nodes set small_content = ?, small_sealed = true where blob = ? "
				+ "and small_sealed = false")
			.params(sealed, blob)
			.update() > 0;
	}

	boolean exists(String blob) {
		return jdbc.sql("select count(*) from storage_nodes where blob = ? and small_content is not null")
			.param(blob)
			.query(Long.class)
			.single() > 0;
	}
}
