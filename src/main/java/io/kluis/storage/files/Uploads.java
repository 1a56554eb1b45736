package io.kluis.storage.files;

import io.kluis.crypto.ContentCipher;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.NotFoundException;
import io.kluis.storage.blob.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Resumable uploads: a file arrives in pieces over several requests (a dropped connection costs
 * only the piece in flight: the client asks where the upload stands and goes on from there), and
 * becomes a file only when complete, with the same atomicity and quota checks as a single PUT. The
 * browser's vault client uses it for large files, which it encrypts chunk by chunk.
 */
@Service
public class Uploads {

	/**
	 * An upload in progress. {@link #toString()} leaves the path out. {@code sealedHeader} is the
	 * header of the sealed stream its pieces are sealed into (plain spaces; null in a vault and for
	 * uploads started before piece-wise sealing), {@code tailSealed} the plaintext after the last
	 * whole chunk received, sealed.
	 */
	public record Upload(UUID id, AccountId account, UUID space, FilePath path, long length, long received, String blob,
			String state, @Nullable String contentType, Instant createdAt, byte @Nullable [] sealedHeader,
			byte @Nullable [] tailSealed) {

		@Override
		public String toString() {
			return "Upload[" + id + ", " + received + "/" + length + "]";
		}
	}

	private final JdbcClient jdbc;

	private final BlobStore blobs;

	private final BlobJournal journal;

	private final FileWrites writes;

	private final FileContents contents;

	private final Spaces spaces;

	private final Usage usage;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final int maxOpen;

	private final AtRest atRest;

	Uploads(JdbcClient jdbc, BlobStore blobs, BlobJournal journal, FileWrites writes, FileContents contents, Spaces spaces, Usage usage,
			StorageProperties properties, TransactionTemplate transactions, Clock clock, AtRest atRest) {
		this.atRest = atRest;
		this.transactions = transactions;
		this.maxOpen = properties.maxOpenUploads();
		this.jdbc = jdbc;
		this.blobs = blobs;
		this.journal = journal;
		this.writes = writes;
		this.contents = contents;
		this.spaces = spaces;
		this.usage = usage;
		this.clock = clock;
	}

	/**
	 * Starts an upload of {@code length} bytes to {@code path}. Refused at once when the folder is
	 * missing, the file would not fit in the quota, or the customer already has
	 * {@code kluis.storage.max-open-uploads} uploads in progress (counted under the customer's lock,
	 * so parallel starts cannot pass it).
	 */
	public Upload begin(Space space, FilePath path, long length, @Nullable String contentType) {
		if (length < 0) {
			throw new StorageException.IncompleteUpload();
		}
		writes.checkWritable(space, path);
		if (length > usage.of(space.account()).available()) {
			throw new StorageException.QuotaExceeded();
		}
		return transactions.execute(tx -> {
			usage.lockCustomer(space.account());
			int open = jdbc.sql("select count(*) from storage_uploads where account_id = ?")
				.param(space.account().value())
				.query(Integer.class)
				.single();
			if (open >= maxOpen) {
				throw new StorageException.TooManyUploads(maxOpen);
			}
			boolean sealed = FileWrites.sealsContents(space);
			// the blob the file will be: its key is bound into the sealed contents, so it is chosen now
			String blob = sealed ? Etags.newSealedBlobKey() : Etags.newBlobKey();
			byte[] header = sealed ? atRest.newPiecesHeader() : null;
			Instant now = clock.instant();
			journal.writing(blob, now);
			String state;
			try {
				state = blobs.beginResumable(blob);
				if (header != null && length == 0) {
					// no piece will come: the header and the one, empty, last chunk at once
					var empty = atRest.sealingPiece(space.account(), blob, header, 0, new byte[0], 0,
							InputStream.nullInputStream(), 0);
					state = blobs.appendResumable(blob, state, 0, empty, empty.length());
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException("cannot start the upload", e);
			}
			var upload = new Upload(UUID.randomUUID(), space.account(), space.id(), path, length, 0, blob, state,
					contentType, now, header, null);
			jdbc.sql("insert into storage_uploads (id, account_id, space_id, path, length, received, blob, "
					+ "backend_state, content_type, created_at, updated_at, path_sealed, sealed_header) "
					+ "values (?, ?, ?, '', ?, 0, ?, ?, ?, ?, ?, ?, ?)")
				.params(upload.id(), space.account().value(), space.id(), length, blob, state, contentType,
						Timestamp.from(now), Timestamp.from(now), atRest.sealText(space.account(), PATH, path.joined()),
						header)
				.update();
			return upload;
		});
	}

	/** @throws NotFoundException when there is no such upload of this account */
	public Upload find(AccountId account, UUID id) {
		return jdbc.sql("select * from storage_uploads where id = ? and account_id = ?")
			.params(id, account.value())
			.query(this::map)
			.optional()
			.orElseThrow(() -> new NotFoundException("upload"));
	}

	/**
	 * Appends the next piece, which must start at {@code offset}.
	 *
	 * @return how many bytes the upload has now
	 */
	public long append(AccountId account, UUID id, long offset, InputStream piece, long length) {
		Upload upload = find(account, id);
		if (offset != upload.received()) {
			throw new StorageException.OffsetMismatch(upload.received());
		}
		if (length < 0 || offset + length > upload.length()) {
			throw new StorageException.IncompleteUpload();
		}
		if (upload.sealedHeader() != null && length == 0) {
			return offset; // nothing to seal; an empty upload was sealed whole when it began
		}
		String state;
		byte[] tail = null;
		try {
			if (upload.sealedHeader() == null) {
				state = blobs.appendResumable(upload.blob(), upload.state(), offset, piece, length);
			}
			else {
				var sealed = sealing(upload, piece, length);
				state = sealed.length() == 0 ? upload.state()
						: blobs.appendResumable(upload.blob(), upload.state(),
								atRest.sealedPrefix(upload.length(), offset), sealed, sealed.length());
				if (sealed.transferTo(OutputStream.nullOutputStream()) != 0) {
					throw new IllegalStateException("the blob store left sealed bytes unread");
				}
				byte[] rest = sealed.rest();
				tail = rest.length == 0 ? null
						: atRest.sealUploadTail(account, upload.blob(), offset + length, rest);
			}
		}
		catch (IllegalStateException e) {
			throw new StorageException.OffsetMismatch(upload.received());
		}
		catch (IOException e) {
			throw new StorageException.IncompleteUpload();
		}
		int updated = jdbc.sql("update storage_uploads set received = ?, backend_state = ?, tail_sealed = ?, "
				+ "updated_at = ? where id = ? and received = ?")
			.params(offset + length, state, tail, Timestamp.from(clock.instant()), id, offset)
			.update();
		if (updated == 0) {
			throw new StorageException.OffsetMismatch(find(account, id).received());
		}
		return offset + length;
	}

	/**
	 * The piece sealed into the chunks of the blob, after the plaintext the pieces before left
	 * over (kept sealed with the upload, never in the blob store). A piece that ends inside a chunk
	 * leaves the chunk's start over for the next one.
	 */
	private ContentCipher.SealedPiece sealing(Upload upload, InputStream piece, long length) {
		byte[] carried = upload.tailSealed() == null ? new byte[0]
				: atRest.openUploadTail(upload.account(), upload.blob(), upload.received(), upload.tailSealed());
		return atRest.sealingPiece(upload.account(), upload.blob(), upload.sealedHeader(), upload.length(), carried,
				upload.received(), piece, length);
	}

	/** Turns a fully received upload into the file. */
	public FileTree.Written complete(AccountId account, UUID id, FileTree.Precondition precondition) {
		Upload upload = find(account, id);
		if (upload.received() != upload.length()) {
			throw new StorageException.OffsetMismatch(upload.received());
		}
		Space space = spaces.find(upload.space()).orElseThrow(() -> new NotFoundException("space"));
		// sealed piece by piece as it arrived (plain spaces); an upload begun before that, which the
		// sweep has abandoned unless it went on within a day, stays as it came and is read as such,
		// like any blob written before sealing (docs/encryption-at-rest.md)
		String blob = upload.blob();
		try {
			blobs.completeResumable(blob, upload.state());
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot complete the upload", e);
		}
		FileTree.Written written;
		try {
			written = writes.storeUploaded(space, upload.path(), blob, upload.length(), upload.contentType(),
					precondition);
		}
		catch (RuntimeException e) {
			contents.discard(blob);
			delete(id);
			throw e;
		}
		delete(id);
		return written;
	}

	/** Gives up an upload: what arrived is deleted. */
	public void abort(AccountId account, UUID id) {
		abort(find(account, id));
	}

	private void abort(Upload upload) {
		try {
			blobs.abortResumable(upload.blob(), upload.state());
			journal.forget(upload.blob());
		}
		catch (IOException e) {
			// the journal keeps the blob listed; the sweep deletes it
		}
		delete(upload.id());
	}

	/** Aborts every upload of the account (erasure). */
	public int abortAll(AccountId account) {
		List<Upload> all = list(account);
		all.forEach(this::abort);
		return all.size();
	}

	/** The account's uploads in progress. */
	public List<Upload> list(AccountId account) {
		return jdbc.sql("select * from storage_uploads where account_id = ? order by created_at")
			.param(account.value())
			.query(this::map)
			.list();
	}

	/** Aborts uploads that received nothing since {@code before}; returns how many. */
	public int sweep(Instant before) {
		List<Upload> stale = jdbc.sql("select * from storage_uploads where updated_at < ?")
			.param(Timestamp.from(before))
			.query(this::map)
			.list();
		stale.forEach(this::abort);
		return stale.size();
	}

	private void delete(UUID id) {
		jdbc.sql("delete from storage_uploads where id = ?").param(id).update();
	}

	private static final String PATH = "storage.upload.path";

	/** The path is sealed under the customer's data key; rows from before sealing have it plain. */
	private Upload map(ResultSet rs, int row) throws SQLException {
		var account = new AccountId(rs.getObject("account_id", UUID.class));
		byte[] sealed = rs.getBytes("path_sealed");
		String path = sealed == null ? rs.getString("path") : atRest.openText(account, PATH, sealed);
		return new Upload(rs.getObject("id", UUID.class), account,
				rs.getObject("space_id", UUID.class), FilePath.ofJoined(path), rs.getLong("length"),
				rs.getLong("received"), rs.getString("blob"), rs.getString("backend_state"),
				rs.getString("content_type"), rs.getTimestamp("created_at").toInstant(), rs.getBytes("sealed_header"),
				rs.getBytes("tail_sealed"));
	}
}
