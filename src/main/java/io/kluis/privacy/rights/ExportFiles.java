package io.kluis.privacy.rights;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Export ZIPs at rest in {@code privacy_export_chunks}, in the database every node shares, encrypted
 * with {@link SegmentedEncryption} under a per-export key: the database holds ciphertext only. The
 * content is cut into {@value #CHUNK}-byte rows, written and read one chunk at a time, because an
 * export holds the contents of the customer's files: memory stays flat whatever its size, no value
 * comes near PostgreSQL's 1 GB limit, and no connection is held while a download streams.
 *
 * <p>Not atomic by itself: chunks are written while the export is {@code BUILDING}, which nothing
 * downloads; a failed build deletes them, a build a stopped node left is deleted with its row by
 * the expiry job (the foreign key cascades), and one whose row was deleted meanwhile fails on that key.
 */
@Repository
class ExportFiles {

	/** Bytes of ciphertext per row. */
	static final int CHUNK = 1024 * 1024;

	/** Streams the plaintext ZIP into the output; the output is the encrypting stream. */
	@FunctionalInterface
	interface Content {
		void writeTo(OutputStream out) throws IOException;
	}

	private final JdbcClient jdbc;

	ExportFiles(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Writes and encrypts; returns the plaintext size. Any previous content of the export is replaced. */
	long write(UUID id, byte[] key, Content content) throws IOException {
		delete(id);
		var counting = new long[1];
		try (OutputStream encrypted = SegmentedEncryption.encrypting(new BufferedOutputStream(new Chunks(id), CHUNK),
				key)) {
			content.writeTo(new FilterOutputStream(encrypted) {
				@Override
				public void write(byte[] b, int off, int len) throws IOException {
					counting[0] += len;
					out.write(b, off, len);
				}

				@Override
				public void write(int b) throws IOException {
					counting[0]++;
					out.write(b);
				}

				@Override
				public void close() {
					// the archive writer finishes the ZIP; the encrypting stream is closed above
				}
			});
		}
		return counting[0];
	}

	/** The decrypted content, or empty when the export has none (deleted, or never finished). */
	Optional<InputStream> open(UUID id, byte[] key) throws IOException {
		var first = chunk(id, 0);
		if (first.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(SegmentedEncryption.decrypting(new Reading(id, first.get()), key));
	}

	void delete(UUID id) {
		jdbc.sql("delete from privacy_export_chunks where export_id = ?").param(id).update();
	}

	private Optional<byte[]> chunk(UUID id, int seq) {
		return jdbc.sql("select content from privacy_export_chunks where export_id = ? and seq = ?")
			.params(id, seq)
			.query((rs, i) -> rs.getBytes(1))
			.optional();
	}

	/** Inserts what it is given as the next chunk (the buffer in front of it hands over whole chunks). */
	private final class Chunks extends OutputStream {

		private final UUID id;

		private int seq;

		Chunks(UUID id) {
			this.id = id;
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			while (len > 0) {
				int n = Math.min(len, CHUNK);
				jdbc.sql("insert into privacy_export_chunks (export_id, seq, content) values (?, ?, ?)")
					.params(id, seq++, Arrays.copyOfRange(b, off, off + n))
					.update();
				off += n;
				len -= n;
			}
		}
	}

	/**
	 * The ciphertext, one chunk query at a time; a chunk missing in the middle (the export was
	 * deleted during the download) ends the stream, which the decryption then refuses as truncated.
	 */
	private final class Reading extends InputStream {

		private final UUID id;

		private byte[] current;

		private int position;

		private int seq;

		private boolean done;

		Reading(UUID id, byte[] first) {
			this.id = id;
			this.current = first;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			int n = read(one, 0, 1);
			return n < 0 ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			if (len == 0) {
				return 0;
			}
			while (position == current.length) {
				if (done) {
					return -1;
				}
				var next = chunk(id, ++seq);
				if (next.isEmpty()) {
					done = true;
					return -1;
				}
				current = next.get();
				position = 0;
			}
			int n = Math.min(len, current.length - position);
			System.arraycopy(current, position, b, off, n);
			position += n;
			return n;
		}
	}
}
