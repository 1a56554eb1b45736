package io.kluis.storage.files;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Blobs that may exist without a row naming them. An upload is journalled as WRITING before its
 * first byte and un-journalled in the transaction that stores its row; a blob whose last row goes
 * is journalled as GARBAGE in that transaction and un-journalled once deleted. So after any crash
 * the journal lists every blob that may be an orphan, and a sweep deletes them.
 */
@Repository
class BlobJournal {

	private final JdbcClient jdbc;

	BlobJournal(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void writing(String blob, Instant since) {
		jdbc.sql("insert into storage_blob_journal (blob, state, since) values (?, 'WRITING', ?)")
			.params(blob, Timestamp.from(since))
			.update();
	}

	void garbage(String blob, Instant since) {
		jdbc.sql("insert into storage_blob_journal (blob, state, since) values (?, 'GARBAGE', ?)")
			.params(blob, Timestamp.from(since))
			.update();
	}

	void forget(String blob) {
		jdbc.sql("delete from storage_blob_journal where blob = ?").param(blob).update();
	}

	/** Blobs to delete: all garbage, and uploads that started before {@code abandonedBefore}. */
	List<String> sweepable(Instant abandonedBefore, int limit) {
		return jdbc.sql("select blob from storage_blob_journal where state = 'GARBAGE' or since < ? "
				+ "order by since fetch first " + limit + " rows only")
			.param(Timestamp.from(abandonedBefore))
			.query(String.class)
			.list();
	}
}
